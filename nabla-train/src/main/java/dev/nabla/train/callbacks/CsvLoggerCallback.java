package dev.nabla.train.callbacks;

import dev.nabla.train.TrainContext;
import dev.nabla.train.log.CsvLogger;
import dev.nabla.train.log.JsonLinesLogger;
import dev.nabla.train.log.MetricsLogger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends each epoch's logs to a CSV file ({@code .jsonl} for JSON lines). A resumed run first drops
 * rows written after its checkpoint (by a run killed later), so the file keeps one row per epoch.
 */
public final class CsvLoggerCallback implements Callback {
    private final Path file;
    private MetricsLogger logger;

    public CsvLoggerCallback(Path file) {
        this.file = file;
    }

    @Override
    public void onTrainBegin(TrainContext ctx) {
        boolean resumed = ctx.history().size() > 0 || ctx.stepInEpoch() > 0;
        boolean json = file.getFileName().toString().endsWith(".jsonl");
        if (resumed && !json) {
            CsvLogger.keepRowsUpTo(file, "epoch", ctx.history().size());
        }
        logger = json ? new JsonLinesLogger(file, resumed) : new CsvLogger(file, resumed);
    }

    @Override
    public void onEpochEnd(TrainContext ctx, Map<String, Double> logs) {
        Map<String, Object> row = new LinkedHashMap<>(logs);
        row.put("epoch", (long) Math.round(logs.get("epoch")));
        logger.log(row);
    }

    @Override
    public void onTrainEnd(TrainContext ctx) {
        if (logger != null) {
            logger.close();
        }
    }
}
