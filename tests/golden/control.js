// flags: --print-bytecode --print-bytecode-filter=control
function control(a) {
  var sum = 0;
  for (var i = 0; i < a; i++) {
    if (i % 2) continue;
    sum += i;
  }
  try {
    sum = a.missing.x;
  } catch (e) {
    sum = -1;
  } finally {
    sum += 1;
  }
  return function () { return sum; };
}
print(control(10)());
