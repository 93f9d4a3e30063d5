// `make run` runs this with build/petrel: a small tour of what the engine does.
function primes(limit) {
  var sieve = [], out = [];
  for (var i = 2; i <= limit; i++) {
    if (sieve[i]) continue;
    out.push(i);
    for (var j = i * i; j <= limit; j += i) sieve[j] = true;
  }
  return out;
}

function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

print("Hello from Petrel!");
print("primes below 50: " + primes(50).join(", "));
print("fib(20) = " + fib(20));
var point = { x: 3, y: 4 };
print("distance of (" + point.x + ", " + point.y + ") from the origin: " + Math.sqrt(point.x * point.x + point.y * point.y));
Promise.resolve("microtasks").then(function (what) { print(what + " run after the script"); });
setTimeout(function () { print("and timers run last"); }, 10);
print("end of script");
