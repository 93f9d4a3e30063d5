// s[i] on a string built by concatenation (a rope) reads through a flattened copy; it used to
// walk the rope from the start on every access (quadratic over a loop). Results must match
// charAt, for one-byte and two-byte pieces and past the end.
var s = "";
for (var i = 0; i < 30000; i++) s += String.fromCharCode(i % 3 === 0 ? 0x3b1 + (i % 20) : 97 + (i % 26));
var mismatches = 0, alphas = 0;
for (var i = 0; i < s.length; i++) {
  var c = s[i];
  if (c !== s.charAt(i)) mismatches++;
  if (c.charCodeAt(0) >= 0x3b1) alphas++;
}
assertEq(mismatches, 0);
assertEq(alphas, 10000);
assertEq(s[s.length], undefined);
assertEq(s[-1], undefined);
var r = "ab" + "cd";
r += "ef";
assertEq(r[4], "e");
assertEq(r.length, 6);
assertEq(r[5] + r[0], "fa");
