// The search loop's quick check (regexp-prefilter.c) never rejects a start where a match exists:
// patterns with alternatives of different lengths, optional and counted parts, back-references,
// lookarounds, case-insensitivity and wide units. Expected values come from node.
var cases = [["(^|[^\\\\])\"\\\\\\/Qngr\\((-?[0-9]+)\\)\\\\\\/\"","g","{\"a\":\"\\/Qngr(12)\\/\"}",[":\"\\/Qngr(12)\\/\"",":","12"],4],["(^|[^\\\\])\"\\\\\\/Qngr\\((-?[0-9]+)\\)\\\\\\/\"","g","x\"\\/Qngr(-3)\\/\"",["x\"\\/Qngr(-3)\\/\"","x","-3"],0],["(^|[^\\\\])\"\\\\\\/Qngr\\((-?[0-9]+)\\)\\\\\\/\"","g","\"\\/Qngr(5)\\/\"",["\"\\/Qngr(5)\\/\"","","5"],0],["(^|[^\\\\])\"\\\\\\/Qngr\\((-?[0-9]+)\\)\\\\\\/\"","g","\\\"\\/Qngr(5)\\/\"",null,-1],["(^|[^\\\\])\"\\\\\\/Qngr\\((-?[0-9]+)\\)\\\\\\/\"","g","nothing here",null,-1],["a|abc","","xxab",["a"],2],["a|abc","","xabc",["a"],1],["a|abc","","a",["a"],0],["a|abc","","bbb",null,-1],["abc|a","","xxab",["a"],2],["abc|a","","xabc",["abc"],1],["abc|a","","a",["a"],0],["ab?c","","ac",["ac"],0],["ab?c","","abc",["abc"],0],["ab?c","","abbc",null,-1],["ab?c","","xxac",["ac"],2],["a{3}b","","aaab",["aaab"],0],["a{3}b","","aab",null,-1],["a{3}b","","xaaaab",["aaab"],2],["a{2,}b","","aab",["aab"],0],["a{2,}b","","ab",null,-1],["a{2,}b","","aaaaaaaaaaaaab",["aaaaaaaaaaaaab"],0],["(a|bc)+d","","bcad",["bcad","a"],0],["(a|bc)+d","","ad",["ad","a"],0],["(a|bc)+d","","bcbcbcbcbcbcd",["bcbcbcbcbcbcd","bc"],0],["(a|bc)+d","","bd",null,-1],["(\\w)\\1x","","aax",["aax","a"],0],["(\\w)\\1x","","abx",null,-1],["(\\w)\\1x","","zzzzx",["zzx","z"],2],["(a)(?:\\1)?bc","","abc",["abc","a"],0],["(a)(?:\\1)?bc","","aabc",["aabc","a"],0],["(a)(?:\\1)?bc","","xbc",null,-1],["x(?=abc)a","","xabc",["xa"],0],["x(?=abc)a","","xab",null,-1],["(?<=q)ab","","qab",["ab"],1],["(?<=q)ab","","ab",null,-1],["ABC","i","xabc",["abc"],1],["ABC","i","AbC",["AbC"],0],["ABC","i","ab",null,-1],["k\\u212a","i","kk",null,-1],["k\\u212a","i","KK",null,-1],["k\\u212a","i","kK",["kK"],0],["[a-c]{2}\\d","","ab1",["ab1"],0],["[a-c]{2}\\d","","a1",null,-1],["[a-c]{2}\\d","","zzcc9",["cc9"],2],["\\bfoo\\b","","a foo b",["foo"],2],["\\bfoo\\b","","foobar",null,-1],["\\bfoo\\b","","foo",["foo"],0],["^ba","","bad",["ba"],0],["^ba","","abad",null,-1],["ba$","","aba",["ba"],1],["ba$","","bab",null,-1],["a.c","s","a\nc",["a\nc"],0],["a.c","s","abc",["abc"],0],["a.c","","a\nc",null,-1],["a.c","","abc",["abc"],0],["\\u0100\\u0101","","xĀā",["Āā"],1],["\\u0100\\u0101","","Ā",null,-1],["[^a]bc","","Ābc",["Ābc"],0],["[^a]bc","","abc",null,-1],["a(?:)b","","ab",["ab"],0],["a(?:)b","","a b",null,-1],["a{0}bc","","bc",["bc"],0],["a{0}bc","","abc",["bc"],1],["(?:ab){10}","","abababababababababab",["abababababababababab"],0],["(?:ab){10}","","ababab",null,-1],["(?:a*){3}x","","x",["x"],0],["(?:a*){3}x","","aax",["aax"],0],["(?:a*){3}x","","b",null,-1],["a\\u{1F600}","u","a😀",["a😀"],0],["a\\u{1F600}","u","a",null,-1],["[\\s\\xa0]+$","","abc  ",["  "],3],["[\\s\\xa0]+$","","abc",null,-1],["\\s?;\\s?","","a ; b",[" ; "],1],["\\s?;\\s?","","a;b",[";"],1],["\\s?;\\s?","","ab",null,-1]]
;
for (var i = 0; i < cases.length; i++) {
  var c = cases[i];
  var re = new RegExp(c[0], c[1]);
  var r = re.exec(c[2]);
  var what = "/" + c[0] + "/" + c[1] + " on " + JSON.stringify(c[2]);
  if (c[3] === null) {
    assertEq(r, null, what);
  } else {
    assertArrayEq(r, c[3], what);
    assertEq(r.index, c[4], what);
  }
}
// Long subjects: the check runs at every candidate position.
var big = new Array(2000).join("x") + "\"\\/Qngr(42)\\/\"";
assertEq(big.replace(/(^|[^\\])"\\\/Qngr\((-?[0-9]+)\)\\\/"/g, "$1<$2>").slice(-6), "xx<42>");
assertEq((new Array(3000).join("ab") + "abc").search(/abc|acb/), 5998);
assertEq((new Array(3000).join("ab")).search(/abc|acb/), -1);
// Sticky: the check applies at the one position tried.
var st = /bc/y;
st.lastIndex = 1;
assertTrue(st.test("abc"));
st.lastIndex = 0;
assertFalse(st.test("abc"));
