/**
 * Modules, as {@code torch.nn}: the {@link dev.nabla.nn.Module} base (explicitly registered
 * parameters, buffers and submodules; hooks; train/eval; state dicts with PyTorch's dotted keys),
 * the containers {@link dev.nabla.nn.Sequential}, {@link dev.nabla.nn.ModuleList} and
 * {@link dev.nabla.nn.ModuleDict}, layers (linear, convolution, pooling, normalization, dropout,
 * embedding, recurrent, attention, Transformer blocks), activations and loss modules. Layers are
 * thin wrappers over {@link dev.nabla.nn.functional.F}; initialisers live in
 * {@link dev.nabla.nn.init.Init}.
 *
 * <pre>{@code
 * final class Net extends Module {
 *     final Sequential features = registerModule("features", new Sequential(
 *             new Conv2d(1, 16, 5, 1, 2), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2)));
 *     final Linear fc = registerModule("fc", new Linear(16 * 14 * 14, 10));
 *
 *     public Tensor forward(Tensor x) {
 *         return fc.call(features.call(x).flatten(1));
 *     }
 * }
 *
 * Net net = new Net();
 * net.stateDict().keySet();   // [features.0.weight, features.0.bias, features.1.weight, ...,
 *                             //  features.1.num_batches_tracked, fc.weight, fc.bias]
 * net.loadStateDict(Safetensors.load(Path.of("net.safetensors")));   // weights saved by PyTorch
 * }</pre>
 */
package dev.nabla.nn;
