package dev.nabla.data;

/**
 * Chooses the order in which a loader visits the indices of a data set, as
 * {@code torch.utils.data.Sampler}. Random samplers are a pure function of their seed and the
 * epoch, so epoch {@code e} of a run can be replayed on its own.
 */
public interface Sampler {

    /** The number of indices one epoch yields. */
    int length();

    /** The indices of epoch {@code epoch} (0-based), {@link #length()} of them. */
    int[] indices(long epoch);
}
