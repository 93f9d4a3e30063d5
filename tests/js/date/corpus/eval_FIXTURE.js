// The Date corpus's evaluator, shared by the generator (tools/gen-date-corpus.js, under node)
// and by the petrel drivers (tests/js/date/corpus-*.js): one input descriptor in, one record of
// strings out, so expectations and results are computed by the very same code.
function dateCorpusMake(input) {
  if ("t" in input) return new Date(input.t);
  if ("utc" in input) return new Date(Date.UTC.apply(null, input.utc));
  if ("local" in input) {
    var a = input.local;
    switch (a.length) {
      case 2: return new Date(a[0], a[1]);
      case 3: return new Date(a[0], a[1], a[2]);
      case 4: return new Date(a[0], a[1], a[2], a[3]);
      case 5: return new Date(a[0], a[1], a[2], a[3], a[4]);
      case 6: return new Date(a[0], a[1], a[2], a[3], a[4], a[5]);
      default: return new Date(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    }
  }
  return new Date(Date.parse(input.parse));
}

function dateCorpusEval(input) {
  var d = dateCorpusMake(input);
  var iso;
  try { iso = d.toISOString(); } catch (e) { iso = e instanceof RangeError ? "RangeError" : "other " + e; }
  return {
    time: String(d.getTime()),
    str: d.toString(),
    iso: iso,
    utc: d.toUTCString(),
    date: d.toDateString(),
    timestr: d.toTimeString(),
    tzo: String(d.getTimezoneOffset()),
    local: [d.getFullYear(), d.getMonth(), d.getDate(), d.getDay(), d.getHours(), d.getMinutes(),
            d.getSeconds(), d.getMilliseconds(), d.getYear()].join(","),
    utcparts: [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay(), d.getUTCHours(),
               d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()].join(","),
  };
}

// Runs the corpus against one zone's expectations; throws listing the first mismatches.
function dateCorpusRun(zone) {
  var inputs = JSON.parse(read("tests/js/date/corpus/inputs.json"));
  var expect = JSON.parse(read("tests/js/date/corpus/expect-" + zone.replace(/\//g, "_") + ".json"));
  if (inputs.length !== expect.length) throw new Error("corpus: inputs and expectations differ in length");
  var bad = [], count = 0;
  for (var i = 0; i < inputs.length; i++) {
    var got = dateCorpusEval(inputs[i]), want = expect[i];
    for (var k in want) {
      if (got[k] !== want[k]) {
        count++;
        if (bad.length < 6) // the JS test runner shows the last 1500 characters
          bad.push("#" + i + " " + JSON.stringify(inputs[i]) + " ." + k + ": got " + JSON.stringify(got[k]) +
                   ", node " + JSON.stringify(want[k]));
      }
    }
  }
  if (count) throw new Error("Date corpus under TZ=" + zone + ": " + count + " mismatches; first:\n" + bad.join("\n"));
}

if (typeof module !== "undefined") module.exports = { dateCorpusEval: dateCorpusEval, dateCorpusMake: dateCorpusMake };
