// env: TZ=Asia/Kathmandu
// The Date corpus (tests/js/date/corpus, from tools/gen-date-corpus.js) gives node's results in Asia/Kathmandu.
load("tests/js/date/corpus/eval_FIXTURE.js");
dateCorpusRun("Asia/Kathmandu");
