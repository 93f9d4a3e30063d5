// env: TZ=UTC
// The Date corpus (tests/js/date/corpus, from tools/gen-date-corpus.js) gives node's results in UTC.
load("tests/js/date/corpus/eval_FIXTURE.js");
dateCorpusRun("UTC");
