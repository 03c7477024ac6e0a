/**
 * JMH benchmarks of the hot paths: the compiled scorer against Smile's own
 * prediction, explanations, and the Monte Carlo simulator. Built into
 * {@code benchmarks/target/benchmarks.jar}; figures and commands are recorded
 * in {@code docs/benchmarks.md}.
 */
package io.leadscore.benchmarks;
