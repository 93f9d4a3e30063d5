// env: TZ=America/New_York
// The Date corpus (tests/js/date/corpus, from tools/gen-date-corpus.js) gives node's results in America/New_York.
load("tests/js/date/corpus/eval_FIXTURE.js");
dateCorpusRun("America/New_York");
