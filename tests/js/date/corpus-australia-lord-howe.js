// env: TZ=Australia/Lord_Howe
// The Date corpus (tests/js/date/corpus, from tools/gen-date-corpus.js) gives node's results in Australia/Lord_Howe.
load("tests/js/date/corpus/eval_FIXTURE.js");
dateCorpusRun("Australia/Lord_Howe");
