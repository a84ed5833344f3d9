/**
 * Optimizers, as {@code torch.optim}: {@link dev.nabla.optim.SGD}, {@link dev.nabla.optim.Adam},
 * {@link dev.nabla.optim.AdamW}, {@link dev.nabla.optim.RMSprop} and {@link dev.nabla.optim.Adagrad}
 * on the common {@link dev.nabla.optim.Optimizer} base (parameter groups, state dicts), plus gradient
 * clipping ({@link dev.nabla.optim.GradClip}) and weight penalties ({@link dev.nabla.optim.Penalties}).
 * Learning-rate schedules live in {@link dev.nabla.optim.lr}.
 *
 * <pre>{@code
 * var opt = AdamW.builder(params).lr(1e-3).weightDecay(0.01).build();
 * var sched = new CosineAnnealingLR(opt, epochs);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (Batch b : loader) {
 *         opt.zeroGrad();
 *         Tensor loss = F.crossEntropy(model(b.x()), b.y());
 *         loss.backward();
 *         GradClip.clipGradNorm(params, 1.0);
 *         opt.step();
 *     }
 *     sched.step();
 * }
 * }</pre>
 */
package dev.nabla.optim;
