package dev.nabla.conformance;

/** Handlers for whole-case kinds: optimizer steps ("optim"), schedules ("sched") and "clip_grad_norm". */
final class TrainingCaseHandlers implements AdapterFamily {
    @Override
    public void register(OpRegistry r) {
    }
}
