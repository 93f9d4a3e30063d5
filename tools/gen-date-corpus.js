// Generates the Date corpus of tests/js/date/corpus: inputs.json (the inputs) and
// expect-<zone>.json (node's results for each input in that zone), checked by
// tests/js/date/corpus-<zone>.js.
//
// Regenerate (from the repository root, with node >= 18 and full ICU):
//   for z in UTC America/New_York Asia/Kolkata Asia/Kathmandu Australia/Lord_Howe; do
//     TZ=$z node tools/gen-date-corpus.js; done
// Every run rewrites inputs.json identically and writes the expectations of its own TZ.
//
// Left out on purpose (implementation-defined, and the spec allows any answer):
//  - toLocale*String: ECMA-402 output depends on the ICU/CLDR version, not on the engine.
// Recorded differently from node: getTimezoneOffset of sub-minute offsets (see below).
"use strict";
const fs = require("fs");
const path = require("path");
const { dateCorpusEval, dateCorpusMake } = require("../tests/js/date/corpus/eval_FIXTURE.js");

const H = 3600000, M = 60000, D = 86400000;
const inputs = [];
const t = (v) => inputs.push({ t: v });
const utc = (...a) => inputs.push({ utc: a });
const local = (...a) => inputs.push({ local: a });
const parse = (s) => inputs.push({ parse: s });

// -- Time values ------------------------------------------------------------------------------
[0, -0, 1, -1, 999, -999, 1000, -1001, 8.64e15, -8.64e15, 8.64e15 + 1, -8.64e15 - 1, 8.64e15 - 1,
 -8.64e15 + 1, 1.5, -1.5, 0.999, -0.999, 1e12, 1e13, -1e12, -1e13, 1709634615250,
 951782400000, 951868800000, 4107542400000, 253402300799999, 253402300800000, -62198755200000,
 -62167219200000, -62167219200001, -62135596800000, -2208988800000, -2177452800000,
 -1e15, 1e15, 32503680000000, 2147483647000, 2147483648000, -2147483648000, -2147483649000,
 4102444800000, 7258118400000].forEach(t);
["NaN", "Infinity", "-Infinity"].forEach((s) => inputs.push({ t: s }));

// DST and offset transitions, as UTC instants, probed around each.
const transitions = [
  Date.UTC(2024, 2, 10, 7), Date.UTC(2024, 10, 3, 6),      // New York 2024
  Date.UTC(2007, 2, 11, 7), Date.UTC(2006, 3, 2, 7),       // New York rule change
  Date.UTC(1974, 0, 6, 7), Date.UTC(1918, 2, 31, 7),       // 1974 emergency DST, first US DST
  Date.UTC(1883, 10, 18, 16, 56, 2),                        // New York LMT -> EST
  Date.UTC(2038, 2, 14, 7), Date.UTC(2100, 2, 14, 7),       // far future rules
  Date.UTC(2024, 3, 6, 15), Date.UTC(2024, 9, 5, 15, 30),  // Lord Howe 30-minute DST
  Date.UTC(1985, 9, 26, 15, 30), Date.UTC(1981, 1, 28, 13), // Lord Howe early rules
  Date.UTC(1985, 11, 31, 18, 30),                           // Kathmandu +05:30 -> +05:45
  Date.UTC(1941, 9, 0, 18, 30), Date.UTC(1945, 9, 14, 17, 30), // Kolkata war time
  Date.UTC(2024, 2, 31, 1), Date.UTC(2050, 9, 2, 16),
];
for (const tr of transitions) for (const dlt of [-H - 1, -30 * M, -1, 0, 1, 15 * M, 30 * M, H, D]) t(tr + dlt);

// A sweep of years, including historic, year 0, negative and far future.
for (const y of [-271821, -10000, -1000, -1, 0, 1, 99, 100, 1000, 1582, 1800, 1883, 1900, 1901,
                 1941, 1950, 1969, 1970, 1986, 1999, 2000, 2020, 2024, 2037, 2038, 2100, 2400,
                 10000, 100000, 275760])
  for (const mo of [0, 3, 6, 9]) utc(y, mo, y === -271821 ? 20 : 1, 12);

// -- Date.UTC with overflow, NaN, fractions ----------------------------------------------------
utc(2024); utc(2024, 0); utc(2024, 1, 29); utc(2023, 1, 29); utc(2100, 1, 29); utc(2000, 1, 29);
utc(2024, 14, 35); utc(2024, -1, 0); utc(2024, 0, 1, 24); utc(2024, 0, 1, 0, 60); utc(2024, 0, 1, 0, 0, 60);
utc(2024, 0, 1, 0, 0, 0, 1000); utc(2024, 0, 1, -1); utc(2024, 0, 0); utc(2024, 0, -365);
utc(99, 0); utc(0, 0); utc(100, 0); utc(-1, 0); utc(1.9, 0); utc(2024.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5);
utc(-0.5, 0); utc(99.9, 0); utc("NaN"); utc(2024, "NaN"); utc(2024, 0, "Infinity"); utc(275760, 8, 13);
utc(275760, 8, 13, 0, 0, 0, 1); utc(-271821, 3, 20); utc(-271821, 3, 19, 23, 59, 59, 999);
utc(-271821, 3, 19); utc(1e9, 0); utc(2024, 1e9); utc(1970, 0, 1, 0, 0, 0, 8.64e15);
utc(1970, 0, 1, 0, 0, 0, -8.64e15); utc(1970, 0, 1, 0, 0, 0, 8.64e15 + 1);

// -- Local component forms (DST gaps and overlaps of each zone) --------------------------------
for (const [y, mo, d] of [[2024, 2, 10], [2024, 10, 3], [2024, 3, 7], [2024, 9, 6], [1986, 0, 1],
                          [1985, 11, 31], [2024, 2, 31], [1941, 9, 1], [1945, 9, 15]])
  for (const h of [0, 1, 2, 3]) for (const mi of [0, 15, 30, 45]) local(y, mo, d, h, mi);
local(2024, 0); local(2024, 1, 29, 12); local(2023, 1, 29); local(2024, 12); local(2024, -1);
local(2024, 0, 32); local(2024, 0, 1, 24); local(2024, 0, 1, 0, -1); local(2024, 0, 1, 0, 0, 0, -1);
local(99, 0); local(0, 0); local(100, 0); local(-1, 0); local(1.5, 0); local(2024.7, 0.9, 1.9, 1.9);
local("NaN", 0); local(2024, "NaN"); local(2024, 0, 1, "Infinity"); local(275760, 8, 13);
local(275760, 8, 12, 23); local(-271821, 3, 20); local(-271821, 3, 21); local(1900, 0, 1);
local(1883, 10, 18, 12); local(1800, 6, 4, 12); local(1, 0, 1); local(10000, 0, 1); local(2038, 0, 19, 3);
local(1970, 0, 1); local(1969, 11, 31, 23, 59, 59, 999);
for (let y = 1960; y <= 2040; y += 4) for (const mo of [0, 6]) local(y, mo, 15, 12, 30);

// -- Strings ----------------------------------------------------------------------------------
const iso = [
  "2024", "2024-03", "2024-03-05", "2024-03-05T10:30", "2024-03-05T10:30:15", "2024-03-05T10:30:15.250",
  "2024-03-05T10:30:15.250Z", "2024-03-05T10:30Z", "2024-03-05T10:30:15+05:30", "2024-03-05T10:30:15-08:00",
  "2024-03-05T10:30:15.2Z", "2024-03-05T10:30:15.25Z", "2024-03-05T10:30:15.123456Z", "2024-03-05T24:00",
  "2024-03-05T24:00:00Z", "2024-03-05T24:00:01Z", "2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01",
  "2024-00-01", "2024-01-00", "2024-01-32", "2024-03-05T25:00", "2024-03-05T10:60", "2024-03-05T10:30:60",
  "+002024-03-05", "-000001-01-01T00:00:00Z", "-000000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z",
  "+275760-09-13T00:00:00.001Z", "-271821-04-20T00:00:00.000Z", "-271821-04-19T23:59:59.999Z",
  "+012345-07-07", "0000-01-01", "0000-01-01T00:00", "1970-01-01", "1970-01-01T00:00", "1969-12-31T23:59:59.999",
  "2024-03-10T02:30", "2024-11-03T01:30", "2024-10-06T02:15", "2024-04-07T01:45", "1985-12-31T23:55",
  "2024-03-05T10:30:15+0530", "2024-03-05T10:30:15z", "2024-03-05t10:30:15Z", "2024-03-05 10:30:15Z",
  "2024-03-05T10:30:15+05", "2024-03-05T10:30:15+24:00", "2024-03-05T10:30:15+23:59", "2024-03-05T1:30",
  "1999-12-31T23:59:59.999Z", "2000-01-01T00:00:00+14:00", "2000-01-01T00:00:00-12:00", "1900-01-01T00:00",
  "1883-11-18T12:00", "1941-10-01T00:00", "2038-01-19T03:14:07Z", "2038-01-19T03:14:08", "2100-06-15T12:00",
  "10000-01-01", "+010000-01-01T00:00:00Z", "2024-03-05T", "T10:30", "", " ", "2024-03-05T10:30:15ZZ",
];
iso.forEach(parse);
const legacy = [
  "Mar 1 2020", "Mar 1, 2020", "1 Mar 2020", "March 1, 2020", "March 1, 2020 10:00", "March 1, 2020 10:00 GMT+0530",
  "March 1, 2020 10:00 GMT-0800", "March 1, 2020 10:00:30 PM", "March 1, 2020 10:00 AM", "March 1, 2020 12:00 AM",
  "March 1, 2020 12:00 PM", "2020/03/01", "2020/3/1", "2020/03/01 10:00", "2020/03/01 10:00:30 GMT",
  "03/01/2020", "3/1/2020 10:00", "Sun, 01 Mar 2020 10:00:00 GMT", "Sun, 01 Mar 2020 10:00:00 +0000",
  "Sun, 01 Mar 2020 10:00:00 -0500", "01 Mar 2020 10:00:00 GMT", "1 Mar 2020 10:00 +0100", "Sun, 1 Mar 2020 10:00 UT",
  "Sun, 01 Mar 2020 10:00:00 EST", "Sun, 01 Mar 2020 10:00:00 EDT", "Sun, 01 Mar 2020 10:00:00 CST",
  "Sun, 01 Mar 2020 10:00:00 PDT", "Sun, 01 Mar 2020 10:00:00 UTC", "Sun, 01 Mar 2020 10:00:00 Z",
  "Mon, 01 Mar 2020 10:00:00 GMT", "Sun Mar 01 2020", "Sun Mar 01 2020 10:00:00", "Sun Mar 01 2020 10:00:00 GMT+0000",
  "Sun Mar 01 2020 10:00:00 GMT+0000 (Coordinated Universal Time)", "Sun Mar 01 2020 10:00:00 GMT-0500 (Eastern Standard Time)",
  "Sun Mar 01 2020 10:00:00 GMT+0545 (Nepal Time)", "Thu Jan 01 1970 00:00:00 GMT+0000", "December 17, 1995 03:24:00",
  "Dec 25 1995", "Dec 25 1995 13:30 UTC", "Dec 25, 1995 13:30:00 GMT+0100", "25 December 1995", "1995 Dec 25",
  "Dec 25 95", "Dec 25 49", "Dec 25 50", "Dec 25 100", "Dec 25 -1", "Jan 1 1900", "Jan 1 1800 00:00", "Jan 1 10000",
  "Jul 4 1776 12:00 GMT", "Feb 29 2024", "Feb 29 2023", "Feb 30 2024", "Apr 31 2024", "Mar 10 2024 02:30",
  "Nov 3 2024 01:30", "Oct 6 2024 02:15", "Apr 7 2024 01:45", "Jan 1 1986 00:00", "Mar 1 2020 24:00",
  "Mar 1 2020 23:59:59", "Mar 1 2020 10:00:00.5", "Mar 1 2020 10:00 am", "Mar 1 2020 10:00 pm", "Mar 1 2020 13:00 PM",
  "mar 1 2020", "MARCH 1 2020", "Sunday, March 1, 2020", "Sunday March 1 2020 10:00", "Mar 1 2020 GMT", "Mar 1 2020 UTC+2",
  "Mar 1 2020 GMT+2", "Mar 1 2020 GMT+02:30", "Mar 1 2020 (comment) 10:00", "Mar 1 2020 10:00 (PST)",
  "Wed Dec 31 1969 16:00:00 GMT-0800 (PST)", "Tue, 19 Jan 2038 03:14:07 GMT", "Fri, 13 Sep 275760 00:00:00 GMT",
  "Fri, 01 Jan -0001 00:00:00 GMT", "not a date", "Mar 32 2020", "Foo 1 2020", "2020", "12", "1/1", "2020-03-01 10:00",
  "2020-03-01 10:00 GMT+0200", "2020-03-01T10:00:00 GMT", "Mar 1 2020 10:00 +05:45", "Mar 1 2020 10:00 -0930",
];
legacy.forEach(parse);
// Missing components default to 1 (year 1 reads as 2001); whitespace and 'T' outside ISO.
["3/15", "Mar 5", "5 Mar", "Mar", "13", "0", "1 2", "1/1 10:00", "Mar 5 10:00", "2024-03-05T10:30:15 GMT",
 "2024-03T10:00", "2024T10:00", "2024-03-05T10", "2024-03-05Tfoo", "2024-03-05 T10:00", "2024-03-05T10:00:00 PM",
 "2024-03-05 10:00 GMT", "2024-03-05T10:00:00.000Z ", " 2024-03-05T10:00Z", "2024-03-05T10:00:00Z (x)",
 "+002024-03-05T1:00", "2024-3-5T10:00", "2024-03-05 ", " 2024-03-05", "\n2024-03-05", "2024-03-05 10:00",
 "2024-03-10 02:30", "2024-10-06 02:15", "Jan 1 0049", "Jan 1 49", "Jan 1 0", "0/1/1", "31/12/2020", "12/31/2020"].forEach(parse);
// Round trips of every output format for a set of instants.
for (const tv of [0, 1709634615250, -62198755200000, 8.64e15, -8.64e15, 951782400000, 1710052200000,
                  1730615400000, 1712415600000, 1728142200000, 504901800000, 504902700000, -2208988800000,
                  -5364662400000, 253402300800000, 1234567890123]) {
  // toString/toDateString forms are built from the UTC fields so inputs.json is the same in every
  // zone: "Sun Mar 01 2020 10:00:00 GMT+0000 (Coordinated Universal Time)" and "Sun Mar 01 2020".
  const d = new Date(tv), u = d.toUTCString().split(" "); // [Www,, dd, Mmm, yyyy, hh:mm:ss, GMT]
  const day = u[0].slice(0, 3) + " " + u[2] + " " + u[1] + " " + u[3];
  parse(d.toISOString()); parse(d.toUTCString()); parse(day);
  parse(day + " " + u[4] + " GMT+0000 (Coordinated Universal Time)");
}

// -- Write --------------------------------------------------------------------------------------
// Inputs are JSON: NaN and infinities travel as strings, which the Date functions convert back.
for (const inp of inputs) {
  if ("t" in inp && typeof inp.t === "number" && Object.is(inp.t, -0)) inp.t = 0;
}
const dir = path.join(__dirname, "..", "tests", "js", "date", "corpus");
const zone = process.env.TZ;
if (!zone) throw new Error("set TZ");
fs.writeFileSync(path.join(dir, "inputs.json"), JSON.stringify(inputs, null, 0).replace(/\},\{/g, "},\n{") + "\n");
// getTimezoneOffset: V8 truncates to whole minutes ((t - local) / 60000 in integer arithmetic),
// but the spec's (t - LocalTime(t)) / msPerMinute keeps the seconds of LMT offsets such as New
// York's -4:56:02 (296.0333...), which node's own toString shows. Record the spec's value,
// derived from node's local fields; it differs from node's only for sub-minute offsets.
let tzoFixed = 0;
const out = inputs.map((inp) => {
  const r = dateCorpusEval(inp);
  const d = dateCorpusMake(inp);
  if (!isNaN(d.getTime())) {
    // The local fields as a UTC time value, computed 400-year cycles (146097 days) nearer to
    // 2000 so neither Date.UTC's time clip nor its two-digit-year rule gets in the way.
    const k = Math.floor((d.getFullYear() - 2000) / 400);
    const local = Date.UTC(d.getFullYear() - 400 * k, d.getMonth(), d.getDate(), d.getHours(),
                           d.getMinutes(), d.getSeconds(), d.getMilliseconds()) + k * 146097 * 86400000;
    const l = { getTime: () => local };
    const spec = String((d.getTime() - l.getTime()) / 60000);
    if (spec !== r.tzo) { r.tzo = spec; tzoFixed++; }
  }
  return r;
});
if (tzoFixed) console.log(zone + ": " + tzoFixed + " getTimezoneOffset values set to the spec's fractional minutes");
fs.writeFileSync(path.join(dir, "expect-" + zone.replace(/\//g, "_") + ".json"),
                 "[\n" + out.map((r) => JSON.stringify(r)).join(",\n") + "\n]\n");
console.log(zone + ": " + inputs.length + " inputs");
