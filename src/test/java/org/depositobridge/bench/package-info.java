/** Benchmarks run by one documented command each (see docs/benchmarks.md); they print their figures. */
package org.depositobridge.bench;
