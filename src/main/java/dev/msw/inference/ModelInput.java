package dev.msw.inference;

/**
 * One input tensor for a prediction: either rows of float features ({@code [rows][width]}) or one string per
 * row ({@code [rows][1]}).
 */
public record ModelInput(String name, float[][] rows, String[] texts) {
    public static ModelInput floats(String name, float[][] rows) {
        return new ModelInput(name, rows, null);
    }

    public static ModelInput texts(String name, String[] texts) {
        return new ModelInput(name, null, texts);
    }

    public int rowCount() {
        return rows != null ? rows.length : texts.length;
    }
}
