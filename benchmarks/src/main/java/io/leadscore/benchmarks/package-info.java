/**
 * JMH benchmarks of the hot paths: the compiled scorer against Smile's own
 * prediction, explanations, the Monte Carlo simulator, and the import's CSV
 * parser against a CSV library. Built into
 * {@code benchmarks/target/benchmarks.jar}; figures and commands are recorded
 * in {@code docs/benchmarks.md}.
 */
package io.leadscore.benchmarks;
