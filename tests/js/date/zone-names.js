// env: TZ=America/New_York
// Zone names as node prints them: the present-day names for all of history, and daylight-or-
// standard before 1970 taken from an equivalent recent year (V8's EquivalentTime); the offset
// itself stays the historic one, and getTimezoneOffset keeps LMT's seconds (spec, not V8).
var lmtSummer = new Date(Date.UTC(1800, 6, 4, 12));
assertEq(lmtSummer.toString(), "Fri Jul 04 1800 07:03:58 GMT-0456 (Eastern Daylight Time)");
assertEq(lmtSummer.getTimezoneOffset(), 17762 / 60);
// 1918-03-31 00:30 EST, before that year's first DST: the equivalent year is already in DST.
assertEq(new Date(Date.UTC(1918, 2, 31, 5, 30)).toString(), "Sun Mar 31 1918 00:30:00 GMT-0500 (Eastern Daylight Time)");
assertEq(new Date(Date.UTC(2024, 6, 4, 12)).toString(), "Thu Jul 04 2024 08:00:00 GMT-0400 (Eastern Daylight Time)");
assertEq(new Date(Date.UTC(2024, 0, 4, 12)).toTimeString(), "07:00:00 GMT-0500 (Eastern Standard Time)");
// Legacy parse defaults (V8): missing components are 1, year 1 reads as 2001.
assertEq(Date.parse("12"), Date.UTC(2001, 11, 1) + 5 * 3600000);
assertEq(Date.parse("0049/1/1"), Date.UTC(2049, 0, 1) + 5 * 3600000);
assertEq(Date.parse("2024-03-05T10:00:00 GMT"), NaN);
assertEq(Date.parse(" 2024-03-05T10:00Z"), NaN);
assertEq(Date.parse("2024-03-05T10:00Z"), Date.UTC(2024, 2, 5, 10));
