/**
 * Files: {@link dev.nabla.io.Safetensors} (read and write, validated against hostile input, with
 * {@link dev.nabla.io.SafetensorsFile} for reading tensors on demand), {@link dev.nabla.io.Checkpoint}
 * (model, optimizer, schedule and generator states in one atomically replaced file), the
 * {@link dev.nabla.io.Stateful} interface they save and restore, {@link dev.nabla.io.GeneratorState}
 * and the small strict {@link dev.nabla.io.Json} reader and writer used for headers.
 *
 * <pre>{@code
 * Map<String, Stateful> parts = Map.of("model", model, "optimizer", opt, "scheduler", sched,
 *         "rng", new GeneratorState(gen));
 * Checkpoint.save(Path.of("run/last.safetensors"), parts, epoch);
 * long next = Checkpoint.load(Path.of("run/last.safetensors"), parts).epoch() + 1;
 * }</pre>
 */
package dev.nabla.io;
