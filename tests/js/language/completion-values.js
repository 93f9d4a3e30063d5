// Completion values of try/finally: a finally block's normal completion keeps the try's value,
// a break out of the finally carries the finally's own value.
assertEq(eval("99; do { -99; try { 39 } catch (e) { -1 } finally { 42; break; -2 }; } while (false);"), 42);
assertEq(eval("99; do { -99; try { 39 } catch (e) { -1 } finally { break; -2 }; } while (false);"), undefined);
assertEq(eval("99; try { 39 } finally { 42 }"), 39);
assertEq(eval("99; try { 39 } catch (e) {} finally { }"), 39);
assertEq(eval("1; do { try { 5 } finally { 6; continue; } } while (false);"), 6);

// A catch block's value replaces the interrupted try block's (UpdateEmpty(C, undefined)).
assertEq(eval("try { 'try'; throw 1; } catch (e) { }"), undefined);
assertEq(eval("try { 'try'; throw 1; } catch (e) { 'catch'; }"), "catch");
assertEq(eval("try { 'try'; throw 1; } catch (e) { } finally { 'finally'; }"), undefined);
assertEq(eval("while (true) { try { 'try'; throw 1; } catch (e) { break; } }"), undefined);
assertEq(eval("do { try { 'try'; throw 1; } catch (e) { continue; } } while (false)"), undefined);
assertEq(eval("try { 'try'; } catch (e) { 'catch'; }"), "try");
