package dev.nabla.train.log;

import java.io.Closeable;
import java.util.Map;

/** Appends one row of named values (numbers or strings) per call, e.g. one per epoch. */
public interface MetricsLogger extends Closeable {
    void log(Map<String, ?> row);

    @Override
    void close();
}
