package org.zou4j.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A CSV export ready to be written: permissions were checked and the data read when it was made. Written as Zou
 * writes its exports: UTF-8, {@code ;} separated, minimal quoting, CRLF line ends.
 */
public interface CsvExport {

    /** The file name Zou gives it, without extension (e.g. {@code kitsu_my_project_assets}). */
    String fileName();

    /** Writes the header line and the rows to {@code out} (not closed). */
    void writeTo(OutputStream out) throws IOException;
}
