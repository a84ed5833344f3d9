package dev.nabla.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.optim.Adagrad;
import dev.nabla.optim.Adam;
import dev.nabla.optim.AdamW;
import dev.nabla.optim.GradClip;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.RMSprop;
import dev.nabla.optim.SGD;
import dev.nabla.optim.lr.ConstantLR;
import dev.nabla.optim.lr.CosineAnnealingLR;
import dev.nabla.optim.lr.CosineAnnealingWarmRestarts;
import dev.nabla.optim.lr.CyclicLR;
import dev.nabla.optim.lr.ExponentialLR;
import dev.nabla.optim.lr.LRScheduler;
import dev.nabla.optim.lr.LinearLR;
import dev.nabla.optim.lr.MultiStepLR;
import dev.nabla.optim.lr.OneCycleLR;
import dev.nabla.optim.lr.PolynomialLR;
import dev.nabla.optim.lr.ReduceLROnPlateau;
import dev.nabla.optim.lr.StepLR;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Handlers for whole-case kinds: optimizer steps ("optim"), schedules ("sched"), "clip_grad_norm" and
 * "clip_grad_value" (kwargs {@code clip_value}, {@code grads} before and {@code clipped} after, like
 * clip_grad_norm without the total norm).
 * Each builds the Nabla object from the case's torch-named kwargs (an unknown optimizer, schedule or
 * kwarg fails the case with that reason), replays the case and compares every step.
 */
final class TrainingCaseHandlers implements AdapterFamily {
    /** torch kwargs that choose an implementation but not the numbers; accepted with any value. */
    private static final Set<String> IGNORED = Set.of("foreach", "differentiable", "capturable", "fused", "verbose");

    @Override
    public void register(OpRegistry r) {
        r.registerHandler("optim", TrainingCaseHandlers::runOptim);
        r.registerHandler("sched", TrainingCaseHandlers::runSched);
        r.registerHandler("clip_grad_norm", TrainingCaseHandlers::runClip);
        r.registerHandler("clip_grad_value", TrainingCaseHandlers::runClipValue);
    }

    // ------------------------------------------------------------------ optimizers

    static CaseResult runOptim(String id, JsonNode c) {
        double rtol = c.path("rtol").asDouble(1e-4);
        double atol = c.path("atol").asDouble(1e-6);
        String name = c.path("optimizer").asText("");
        Kwargs kw = new Kwargs(c.get("kwargs"));
        Tensor param = JsonTensors.toTensor(c.get("params")).requiresGrad(true);
        Optimizer opt;
        try {
            opt = optimizer(name, List.of(param), kw, c.get("kwargs"));
        } catch (UnknownName e) {
            return CaseResult.fail(id, e.getMessage());
        }
        JsonNode grads = c.get("grads");
        JsonNode steps = c.get("steps");
        if (grads == null || steps == null || grads.size() != steps.size()) {
            return CaseResult.fail(id, "case needs 'grads' and 'steps' lists of equal length");
        }
        for (int i = 0; i < grads.size(); i++) {
            param.setGrad(JsonTensors.toTensor(grads.get(i)));
            opt.step();
            String why = Compare.mismatch(name + " param after step " + (i + 1), JsonTensors.toTensor(steps.get(i)),
                    param.detach(), rtol, atol);
            if (why != null) {
                return CaseResult.fail(id, why);
            }
        }
        return CaseResult.pass(id);
    }

    static Optimizer optimizer(String name, List<Tensor> params, Kwargs kw, JsonNode raw) {
        switch (name) {
            case "SGD" -> {
                check(raw, name, "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize");
                return SGD.builder(params).lr(kw.getDouble("lr", 1e-3)).momentum(kw.getDouble("momentum", 0))
                        .dampening(kw.getDouble("dampening", 0)).weightDecay(kw.getDouble("weight_decay", 0))
                        .nesterov(kw.getBool("nesterov", false)).maximize(kw.getBool("maximize", false)).build();
            }
            case "Adam", "AdamW" -> {
                check(raw, name, "lr", "betas", "eps", "weight_decay", "amsgrad", "maximize");
                double[] betas = kw.has("betas") ? kw.getDoubles("betas") : new double[] {0.9, 0.999};
                if (name.equals("Adam")) {
                    return Adam.builder(params).lr(kw.getDouble("lr", 1e-3)).betas(betas[0], betas[1])
                            .eps(kw.getDouble("eps", 1e-8)).weightDecay(kw.getDouble("weight_decay", 0))
                            .amsgrad(kw.getBool("amsgrad", false)).maximize(kw.getBool("maximize", false)).build();
                }
                return AdamW.builder(params).lr(kw.getDouble("lr", 1e-3)).betas(betas[0], betas[1])
                        .eps(kw.getDouble("eps", 1e-8)).weightDecay(kw.getDouble("weight_decay", 1e-2))
                        .amsgrad(kw.getBool("amsgrad", false)).maximize(kw.getBool("maximize", false)).build();
            }
            case "RMSprop" -> {
                check(raw, name, "lr", "alpha", "eps", "weight_decay", "momentum", "centered", "maximize");
                return RMSprop.builder(params).lr(kw.getDouble("lr", 1e-2)).alpha(kw.getDouble("alpha", 0.99))
                        .eps(kw.getDouble("eps", 1e-8)).weightDecay(kw.getDouble("weight_decay", 0))
                        .momentum(kw.getDouble("momentum", 0)).centered(kw.getBool("centered", false))
                        .maximize(kw.getBool("maximize", false)).build();
            }
            case "Adagrad" -> {
                check(raw, name, "lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "maximize");
                return Adagrad.builder(params).lr(kw.getDouble("lr", 1e-2)).lrDecay(kw.getDouble("lr_decay", 0))
                        .weightDecay(kw.getDouble("weight_decay", 0))
                        .initialAccumulatorValue(kw.getDouble("initial_accumulator_value", 0))
                        .eps(kw.getDouble("eps", 1e-10)).maximize(kw.getBool("maximize", false)).build();
            }
            default -> throw new UnknownName("unknown optimizer '" + name + "' (Nabla has SGD, Adam, AdamW, RMSprop, Adagrad)");
        }
    }

    // ------------------------------------------------------------------ schedules

    static CaseResult runSched(String id, JsonNode c) {
        double rtol = c.path("rtol").asDouble(1e-6);
        double atol = c.path("atol").asDouble(1e-9);
        String name = c.path("scheduler").asText("");
        Kwargs kw = new Kwargs(c.get("kwargs"));
        if (!c.has("base_lr") || !c.has("lrs")) {
            return CaseResult.fail(id, "case needs 'base_lr' and 'lrs'");
        }
        Tensor param = Tensor.zeros(1).requiresGrad(true);
        Optimizer opt = SGD.builder(List.of(param)).lr(c.get("base_lr").asDouble()).build();
        LRScheduler sched;
        try {
            sched = scheduler(name, opt, kw, c.get("kwargs"));
        } catch (UnknownName e) {
            return CaseResult.fail(id, e.getMessage());
        }
        JsonNode lrs = c.get("lrs");
        JsonNode metrics = c.get("metrics");
        if (sched instanceof ReduceLROnPlateau && (metrics == null || metrics.size() < lrs.size())) {
            return CaseResult.fail(id, "ReduceLROnPlateau case needs one metric per step");
        }
        for (int e = 0; e < lrs.size(); e++) {
            opt.step();
            if (sched instanceof ReduceLROnPlateau p) {
                p.step(metrics.get(e).asDouble());
            } else {
                sched.step();
            }
            double expected = lrs.get(e).asDouble();
            double actual = sched.getLastLr()[0];
            if (!(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected))) {
                return CaseResult.fail(id, String.format(Locale.ROOT,
                        "%s: lr after step() call %d expected %.17g actual %.17g (|diff| %.3g > atol %.1g + rtol %.1g*|expected|)",
                        name, e + 1, expected, actual, Math.abs(actual - expected), atol, rtol));
            }
        }
        return CaseResult.pass(id);
    }

    static LRScheduler scheduler(String name, Optimizer opt, Kwargs kw, JsonNode raw) {
        switch (name) {
            case "StepLR" -> {
                check(raw, name, "step_size", "gamma", "last_epoch");
                requireFreshStart(kw);
                return new StepLR(opt, kw.getInt("step_size", 0), kw.getDouble("gamma", 0.1));
            }
            case "MultiStepLR" -> {
                check(raw, name, "milestones", "gamma", "last_epoch");
                requireFreshStart(kw);
                int[] m = kw.getIntList("milestones");
                return new MultiStepLR(opt, m == null ? new int[0] : m, kw.getDouble("gamma", 0.1));
            }
            case "ExponentialLR" -> {
                check(raw, name, "gamma", "last_epoch");
                requireFreshStart(kw);
                return new ExponentialLR(opt, kw.getDouble("gamma", 0.1));
            }
            case "CosineAnnealingLR" -> {
                check(raw, name, "T_max", "eta_min", "last_epoch");
                requireFreshStart(kw);
                return new CosineAnnealingLR(opt, kw.getInt("T_max", 0), kw.getDouble("eta_min", 0));
            }
            case "LinearLR" -> {
                check(raw, name, "start_factor", "end_factor", "total_iters", "last_epoch");
                requireFreshStart(kw);
                return new LinearLR(opt, kw.getDouble("start_factor", 1.0 / 3), kw.getDouble("end_factor", 1.0),
                        kw.getInt("total_iters", 5));
            }
            case "OneCycleLR" -> {
                check(raw, name, "max_lr", "total_steps", "epochs", "steps_per_epoch", "pct_start", "anneal_strategy",
                        "cycle_momentum", "base_momentum", "max_momentum", "div_factor", "final_div_factor",
                        "three_phase", "last_epoch");
                requireFreshStart(kw);
                OneCycleLR.Builder b = OneCycleLR.builder(opt, kw.getDoubles("max_lr"))
                        .pctStart(kw.getDouble("pct_start", 0.3)).annealStrategy(kw.getString("anneal_strategy", "cos"))
                        .cycleMomentum(kw.getBool("cycle_momentum", true)).divFactor(kw.getDouble("div_factor", 25))
                        .finalDivFactor(kw.getDouble("final_div_factor", 1e4)).threePhase(kw.getBool("three_phase", false));
                if (kw.has("base_momentum")) {
                    b.baseMomentum(kw.getDoubles("base_momentum"));
                }
                if (kw.has("max_momentum")) {
                    b.maxMomentum(kw.getDoubles("max_momentum"));
                }
                if (kw.has("total_steps")) {
                    b.totalSteps(kw.getInt("total_steps", 0));
                }
                if (kw.has("epochs")) {
                    b.epochs(kw.getInt("epochs", 0));
                }
                if (kw.has("steps_per_epoch")) {
                    b.stepsPerEpoch(kw.getInt("steps_per_epoch", 0));
                }
                return b.build();
            }
            case "ConstantLR" -> {
                check(raw, name, "factor", "total_iters", "last_epoch");
                requireFreshStart(kw);
                return new ConstantLR(opt, kw.getDouble("factor", 1.0 / 3), kw.getInt("total_iters", 5));
            }
            case "PolynomialLR" -> {
                check(raw, name, "total_iters", "power", "last_epoch");
                requireFreshStart(kw);
                return new PolynomialLR(opt, kw.getInt("total_iters", 5), kw.getDouble("power", 1.0));
            }
            case "CosineAnnealingWarmRestarts" -> {
                check(raw, name, "T_0", "T_mult", "eta_min", "last_epoch");
                requireFreshStart(kw);
                return new CosineAnnealingWarmRestarts(opt, kw.getInt("T_0", 0), kw.getInt("T_mult", 1),
                        kw.getDouble("eta_min", 0));
            }
            case "CyclicLR" -> {
                check(raw, name, "base_lr", "max_lr", "step_size_up", "step_size_down", "mode", "gamma", "scale_mode",
                        "cycle_momentum", "base_momentum", "max_momentum", "last_epoch");
                requireFreshStart(kw);
                if (!kw.has("base_lr") || !kw.has("max_lr")) {
                    throw new UnknownName("CyclicLR case lacks the required kwargs base_lr and max_lr");
                }
                // scale_mode only matters with a scale_fn, which a case cannot carry; torch ignores it otherwise
                CyclicLR.Builder b = CyclicLR.builder(opt, kw.getDoubles("base_lr"), kw.getDoubles("max_lr"))
                        .stepSizeUp(kw.getDouble("step_size_up", 2000)).mode(kw.getString("mode", "triangular"))
                        .gamma(kw.getDouble("gamma", 1.0)).cycleMomentum(kw.getBool("cycle_momentum", true));
                if (kw.has("step_size_down") && !kw.raw("step_size_down").isNull()) {
                    b.stepSizeDown(kw.getDouble("step_size_down", 0));
                }
                if (kw.has("base_momentum")) {
                    b.baseMomentum(kw.getDoubles("base_momentum"));
                }
                if (kw.has("max_momentum")) {
                    b.maxMomentum(kw.getDoubles("max_momentum"));
                }
                return b.build();
            }
            case "ReduceLROnPlateau" -> {
                check(raw, name, "mode", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr", "eps");
                ReduceLROnPlateau.Builder b = ReduceLROnPlateau.builder(opt).mode(kw.getString("mode", "min"))
                        .factor(kw.getDouble("factor", 0.1)).patience(kw.getInt("patience", 10))
                        .threshold(kw.getDouble("threshold", 1e-4)).thresholdMode(kw.getString("threshold_mode", "rel"))
                        .cooldown(kw.getInt("cooldown", 0)).eps(kw.getDouble("eps", 1e-8));
                if (kw.has("min_lr")) {
                    b.minLr(kw.getDoubles("min_lr"));
                }
                return b.build();
            }
            default -> throw new UnknownName("unknown scheduler '" + name + "' (the case runner knows StepLR, MultiStepLR,"
                    + " ExponentialLR, CosineAnnealingLR, CosineAnnealingWarmRestarts, ConstantLR, LinearLR, PolynomialLR,"
                    + " OneCycleLR, CyclicLR, ReduceLROnPlateau)");
        }
    }

    private static void requireFreshStart(Kwargs kw) {
        if (kw.getInt("last_epoch", -1) != -1) {
            throw new UnknownName("last_epoch other than -1 (resuming) is not supported by the case runner;"
                    + " Nabla resumes schedules through loadStateDict");
        }
    }

    // ------------------------------------------------------------------ clipping

    static CaseResult runClip(String id, JsonNode c) {
        double rtol = c.path("rtol").asDouble(1e-5);
        double atol = c.path("atol").asDouble(1e-7);
        Kwargs kw = new Kwargs(c.get("kwargs"));
        try {
            check(c.get("kwargs"), "clip_grad_norm", "max_norm", "norm_type", "error_if_nonfinite");
        } catch (UnknownName e) {
            return CaseResult.fail(id, e.getMessage());
        }
        List<Tensor> params = paramsWithGrads(c.path("grads"));
        double maxNorm = kw.getDouble("max_norm", 1.0);
        Tensor total = GradClip.clipGradNorm(params, maxNorm,
                normType(c.get("kwargs")), kw.getBool("error_if_nonfinite", false));
        double expectedTotal = Kwargs.number(c.get("total_norm"));
        double actualTotal = total.item();
        boolean same = expectedTotal == actualTotal || Double.isNaN(expectedTotal) && Double.isNaN(actualTotal)
                || Math.abs(actualTotal - expectedTotal) <= atol + rtol * Math.abs(expectedTotal);
        if (!same) {
            return CaseResult.fail(id, String.format(Locale.ROOT, "total_norm expected %.9g actual %.9g",
                    expectedTotal, actualTotal));
        }
        return compareClipped(id, c.path("clipped"), params, rtol, atol);
    }

    /** One zero parameter per gradient of the case, holding that gradient. */
    private static List<Tensor> paramsWithGrads(JsonNode grads) {
        List<Tensor> params = new ArrayList<>();
        for (JsonNode g : grads) {
            Tensor grad = JsonTensors.toTensor(g);
            Tensor p = Tensor.zeros(grad.shape()).requiresGrad(true);
            p.setGrad(grad);
            params.add(p);
        }
        return params;
    }

    /** The parameters' gradients after clipping against the case's {@code clipped} list. */
    private static CaseResult compareClipped(String id, JsonNode clipped, List<Tensor> params, double rtol, double atol) {
        if (clipped.size() != params.size()) {
            return CaseResult.fail(id, "case has " + clipped.size() + " clipped gradients for " + params.size() + " grads");
        }
        for (int i = 0; i < params.size(); i++) {
            String why = Compare.mismatch("clipped grad " + i, JsonTensors.toTensor(clipped.get(i)),
                    params.get(i).grad(), rtol, atol);
            if (why != null) {
                return CaseResult.fail(id, why);
            }
        }
        return CaseResult.pass(id);
    }

    static CaseResult runClipValue(String id, JsonNode c) {
        double rtol = c.path("rtol").asDouble(1e-5);
        double atol = c.path("atol").asDouble(1e-7);
        Kwargs kw = new Kwargs(c.get("kwargs"));
        try {
            check(c.get("kwargs"), "clip_grad_value", "clip_value");
        } catch (UnknownName e) {
            return CaseResult.fail(id, e.getMessage());
        }
        if (!kw.has("clip_value")) {
            return CaseResult.fail(id, "clip_grad_value case lacks the kwarg clip_value");
        }
        List<Tensor> params = paramsWithGrads(c.path("grads"));
        GradClip.clipGradValue(params, Kwargs.number(kw.raw("clip_value")));
        return compareClipped(id, c.path("clipped"), params, rtol, atol);
    }

    /** norm_type may be a number or the string "inf". */
    private static double normType(JsonNode kwargs) {
        JsonNode n = kwargs == null ? null : kwargs.get("norm_type");
        return n == null || n.isNull() ? 2.0 : Kwargs.number(n);
    }

    /** Fails on a kwarg the Nabla class does not take (those in IGNORED are accepted). */
    private static void check(JsonNode raw, String owner, String... known) {
        if (raw == null) {
            return;
        }
        Set<String> ok = Set.of(known);
        for (Iterator<String> it = raw.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (ok.contains(k) || IGNORED.contains(k)) {
                continue;
            }
            throw new UnknownName(owner + ": unsupported kwarg '" + k + "'");
        }
    }

    /** A case names something Nabla does not have; reported as the case's failure reason. */
    private static final class UnknownName extends RuntimeException {
        UnknownName(String message) {
            super(message);
        }
    }
}
