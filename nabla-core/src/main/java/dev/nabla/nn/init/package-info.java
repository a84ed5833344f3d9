/**
 * Weight initialisers, as {@code torch.nn.init}: uniform, normal, truncated normal, constant, eye,
 * Xavier/Glorot, Kaiming/He and orthogonal, with PyTorch's fan and gain rules, each drawing from a
 * {@link dev.nabla.tensor.Generator}.
 */
package dev.nabla.nn.init;
