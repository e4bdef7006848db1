package org.certdesk.manifest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws certdesk's two Teams icons: a shield with a check mark (the certificate is there and
 * trusted). They are drawn at build time, so they are reproducible and carry no licence of their own.
 *
 * <p>Teams' rules: the colour icon is 192x192 with the symbol in the middle and a full-bleed
 * background; the outline icon is 32x32, white on transparent with no padding around the symbol.
 */
public final class IconPainter {

    public static final int COLOR_SIZE = 192;
    public static final int OUTLINE_SIZE = 32;
    /** The colour icon's background, used as the manifest's accentColor so both agree. */
    public static final Color ACCENT = new Color(0x2E, 0x5A, 0xAC);
    public static final String ACCENT_HEX = String.format("#%06X", ACCENT.getRGB() & 0xFFFFFF);

    /** The drawing lives in a 100x120 box: shield outline, then a check mark inside it. */
    private static final double BOX_WIDTH = 100;
    private static final double BOX_HEIGHT = 120;

    private IconPainter() {
    }

    public static BufferedImage color() {
        BufferedImage image = new BufferedImage(COLOR_SIZE, COLOR_SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setColor(ACCENT);
        g.fillRect(0, 0, COLOR_SIZE, COLOR_SIZE);
        // The symbol keeps to the middle 96 pixels in height, as Teams' icon guidance asks.
        double scale = 96 / BOX_HEIGHT;
        AffineTransform place = place(COLOR_SIZE, scale);
        g.setColor(Color.WHITE);
        g.fill(place.createTransformedShape(shield()));
        g.setColor(ACCENT);
        g.setStroke(new BasicStroke((float) (10 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(place.createTransformedShape(checkMark()));
        g.dispose();
        return image;
    }

    public static BufferedImage outline() {
        BufferedImage image = new BufferedImage(OUTLINE_SIZE, OUTLINE_SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(image);
        // 30 of 32 pixels: the 2-pixel stroke then reaches the edges, and Teams wants no padding.
        double scale = 30 / BOX_HEIGHT;
        AffineTransform place = place(OUTLINE_SIZE, scale);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) (8 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(place.createTransformedShape(shield()));
        g.setStroke(new BasicStroke((float) (10 * scale), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(place.createTransformedShape(checkMark()));
        g.dispose();
        return whiten(image);
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Antialiased edges blend white with the transparent background and may come out slightly grey;
     * Teams accepts only white (any alpha) in an outline icon, so the colour is reset to white and the
     * coverage is kept in the alpha channel alone.
     */
    private static BufferedImage whiten(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int alpha = image.getRGB(x, y) >>> 24;
                image.setRGB(x, y, alpha << 24 | 0xFFFFFF);
            }
        }
        return image;
    }

    private static Graphics2D smooth(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /** Scales the 100x120 box and centres it on a size x size canvas. */
    private static AffineTransform place(int size, double scale) {
        AffineTransform transform = new AffineTransform();
        transform.translate((size - BOX_WIDTH * scale) / 2, (size - BOX_HEIGHT * scale) / 2);
        transform.scale(scale, scale);
        return transform;
    }

    private static Shape shield() {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(50, 4);
        path.lineTo(94, 18);
        path.lineTo(94, 56);
        path.curveTo(94, 86, 74, 106, 50, 116);
        path.curveTo(26, 106, 6, 86, 6, 56);
        path.lineTo(6, 18);
        path.closePath();
        return path;
    }

    private static Shape checkMark() {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(30, 60);
        path.lineTo(45, 75);
        path.lineTo(71, 45);
        return path;
    }
}
