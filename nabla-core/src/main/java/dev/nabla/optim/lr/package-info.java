/**
 * Learning-rate schedules, as {@code torch.optim.lr_scheduler}: {@link dev.nabla.optim.lr.StepLR},
 * {@link dev.nabla.optim.lr.MultiStepLR}, {@link dev.nabla.optim.lr.ExponentialLR},
 * {@link dev.nabla.optim.lr.CosineAnnealingLR}, {@link dev.nabla.optim.lr.LinearLR},
 * {@link dev.nabla.optim.lr.LambdaLR}, {@link dev.nabla.optim.lr.OneCycleLR},
 * {@link dev.nabla.optim.lr.ConstantLR}, {@link dev.nabla.optim.lr.PolynomialLR},
 * {@link dev.nabla.optim.lr.MultiplicativeLR}, {@link dev.nabla.optim.lr.CosineAnnealingWarmRestarts},
 * {@link dev.nabla.optim.lr.CyclicLR}, {@link dev.nabla.optim.lr.SequentialLR},
 * {@link dev.nabla.optim.lr.ChainedScheduler} and
 * {@link dev.nabla.optim.lr.ReduceLROnPlateau}, on the
 * common {@link dev.nabla.optim.lr.LRScheduler} base. Each writes the rate into the optimizer's
 * parameter groups; like torch, construction performs the epoch-0 step.
 */
package dev.nabla.optim.lr;
