// env: TZ=Asia/Kolkata
// The Date corpus (tests/js/date/corpus, from tools/gen-date-corpus.js) gives node's results in Asia/Kolkata.
load("tests/js/date/corpus/eval_FIXTURE.js");
dateCorpusRun("Asia/Kolkata");
