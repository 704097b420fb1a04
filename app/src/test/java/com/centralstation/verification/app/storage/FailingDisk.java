package com.centralstation.verification.app.storage;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file system for H2 that refuses writes on demand, as a full disk does, with no root, mount or real full disk:
 * H2's own mechanism for wrapped file systems ({@link FilePathWrapper}, as its split and encrypting file systems are
 * made). A URL {@code jdbc:h2:failingDisk:/path/db} opens {@code /path/db} on the real disk through it. While failing,
 * every write, sync and truncation of the database's files throws the {@link IOException} the operating system throws
 * on a full disk; reads work.
 */
public final class FailingDisk extends FilePathWrapper {

    public static final String SCHEME = "failingDisk";
    /** What Linux says (ENOSPC). */
    public static final String DISK_FULL = "No space left on device";
    /** What a failing device says (EIO): a write that fails for another reason than space. */
    public static final String DEVICE_ERROR = "Input/output error";

    private static volatile String failure;
    private static final AtomicLong REFUSED = new AtomicLong();

    static {
        FilePath.register(new FailingDisk());
    }

    /** Registers the file system (once per JVM); returns the URL prefix, e.g. {@code jdbc:h2:failingDisk:}. */
    public static String urlPrefix() {
        return "jdbc:h2:" + SCHEME + ":";
    }

    /** From now on every write fails with this message. */
    public static void fail(String message) {
        failure = message;
    }

    /** Writes work again. */
    public static void heal() {
        failure = null;
    }

    /** Writes refused since the JVM started. */
    public static long refused() {
        return REFUSED.get();
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(super.open(mode));
    }

    private static void check() throws IOException {
        String message = failure;
        if (message != null) {
            REFUSED.incrementAndGet();
            throw new IOException(message);
        }
    }

    /** The real file's channel, with writes refused while the disk fails. */
    private static final class Channel extends FileBase {

        private final FileChannel file;

        Channel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            check();
            return file.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            check();
            return file.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            check();
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            check();
            file.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
