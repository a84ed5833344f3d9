package dev.nabla.train.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Plots per-epoch training curves with JFreeChart: one panel per metric, with the train and
 * validation series of that metric together. Rows are what the trainer logs per epoch, e.g.
 * {@code {epoch: 3, train_loss: 0.41, val_loss: 0.45, val_accuracy: 0.86, lr: 0.001}}: keys
 * {@code train_X} and {@code val_X} go to panel X; other keys except {@code epoch} get a panel
 * of their own. Missing or non-finite values leave a gap.
 */
public final class TrainingCurves {
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VAL = new Color(255, 127, 14);
    private static final int PANEL_W = 520;
    private static final int PANEL_H = 380;

    private TrainingCurves() {}

    /** Renders the panels side by side (two per row at most) and saves a PNG. */
    public static void save(Path file, List<? extends Map<String, ?>> rows, List<String> panels) {
        Png.save(render(rows, panels), file);
    }

    /** As {@link #save(Path, List, List)} with a panel for every metric found. */
    public static void save(Path file, List<? extends Map<String, ?>> rows) {
        save(file, rows, null);
    }

    /** The metrics (panel names) present in the rows, in first-seen order. */
    public static List<String> metricsIn(List<? extends Map<String, ?>> rows) {
        LinkedHashMap<String, Boolean> names = new LinkedHashMap<>();
        for (var row : rows) {
            for (String k : row.keySet()) {
                if (!k.equals("epoch") && row.get(k) instanceof Number) {
                    names.put(panelOf(k), true);
                }
            }
        }
        return new ArrayList<>(names.keySet());
    }

    public static BufferedImage render(List<? extends Map<String, ?>> rows, List<String> panels) {
        List<String> metrics = panels == null ? metricsIn(rows) : panels;
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("training curves: no metric to plot in " + rows.size() + " rows");
        }
        int cols = Math.min(2, metrics.size());
        int rowsN = (metrics.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * PANEL_W, rowsN * PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < metrics.size(); i++) {
            JFreeChart chart = chart(metrics.get(i), rows);
            chart.draw(g, new java.awt.Rectangle((i % cols) * PANEL_W, (i / cols) * PANEL_H, PANEL_W, PANEL_H));
        }
        g.dispose();
        return out;
    }

    static String panelOf(String key) {
        if (key.startsWith("train_")) {
            return key.substring(6);
        }
        if (key.startsWith("val_")) {
            return key.substring(4);
        }
        return key;
    }

    private static JFreeChart chart(String metric, List<? extends Map<String, ?>> rows) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Color> colors = new ArrayList<>();
        String[][] series = {{"train_" + metric, "train", null}, {"val_" + metric, "validation", null},
                {metric, metric, null}};
        for (String[] s : series) {
            XYSeries xy = new XYSeries(s[1], true, false);
            for (int r = 0; r < rows.size(); r++) {
                var row = rows.get(r);
                Object x = row.get("epoch");
                double ex = x instanceof Number n ? n.doubleValue() : r + 1;
                Object y = row.get(s[0]);
                if (y instanceof Number n && Double.isFinite(n.doubleValue())) {
                    xy.add(ex, n.doubleValue());
                }
            }
            if (xy.getItemCount() > 0) {
                data.addSeries(xy);
                colors.add(s[0].startsWith("val_") ? VAL : TRAIN);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(metric, "epoch", metric, data,
                PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getRenderingHints().put(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        NumberAxis xAxis = (NumberAxis) plot.getDomainAxis();
        xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis yAxis = (NumberAxis) plot.getRangeAxis();
        yAxis.setAutoRangeIncludesZero(false);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lo = Math.min(lo, data.getSeries(i).getMinY());
            hi = Math.max(hi, data.getSeries(i).getMaxY());
        }
        if (hi - lo <= 1e-9 * Math.max(Math.abs(hi), Math.abs(lo))) {
            // A constant series (e.g. a fixed learning rate): auto-range would zoom into rounding noise.
            double pad = hi == 0 ? 1 : Math.abs(hi) * 0.5;
            yAxis.setRange(hi - pad, hi + pad);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < colors.size(); i++) {
            r.setSeriesPaint(i, colors.get(i));
            r.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        plot.setRenderer(r);
        return chart;
    }
}
