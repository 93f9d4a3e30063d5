// flags: --print-bytecode --print-bytecode-filter=bajja
function bajja(a, b, c) { var d = c - 100; return a + d * b; }
print(bajja(2, 2, 150));
