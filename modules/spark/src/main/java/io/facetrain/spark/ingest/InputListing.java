package io.facetrain.spark.ingest;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Lists every file under the input root, sorted by relative path so that every later decision is
 * deterministic. Object stores and HDFS get one recursive listing (a flat, paged request on S3); the
 * local file system is walked directory by directory instead, because its recursive listing builds
 * located statuses whose permissions Hadoop reads by running a shell command per file (LFW: 80 s
 * instead of under a second).
 */
final class InputListing {

    private InputListing() {
    }

    static List<InputFile> list(FileSystem fs, Path root) throws IOException {
        Path qualified = fs.makeQualified(root);
        String prefix = qualified.toUri().getPath();
        if (!prefix.endsWith("/")) {
            prefix += "/";
        }
        List<InputFile> files = new ArrayList<>();
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            walk(fs, qualified, prefix, files);
        } else {
            RemoteIterator<LocatedFileStatus> listing = fs.listFiles(qualified, true);
            while (listing.hasNext()) {
                files.add(toInputFile(listing.next(), prefix));
            }
        }
        files.sort(Comparator.comparing(InputFile::path));
        return files;
    }

    private static void walk(FileSystem fs, Path root, String prefix, List<InputFile> files) throws IOException {
        Deque<Path> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            for (FileStatus status : fs.listStatus(pending.pop())) {
                if (status.isDirectory()) {
                    pending.push(status.getPath());
                } else {
                    files.add(toInputFile(status, prefix));
                }
            }
        }
    }

    private static InputFile toInputFile(FileStatus status, String prefix) throws IOException {
        String full = status.getPath().toUri().getPath();
        if (!full.startsWith(prefix)) {
            throw new IOException("listing under " + prefix + " returned " + status.getPath() + ", outside it");
        }
        return InputFile.of(full.substring(prefix.length()), status.getLen(), status.getModificationTime());
    }
}
