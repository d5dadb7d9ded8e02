package dev.aioskill.sandbox;

import java.time.Duration;

/**
 * The resource limits of one sandboxed pytest run. Every limit is applied with {@code prlimit} to the
 * sandboxed process tree (soft and hard alike, so the code cannot raise them), except the wall-clock
 * timeout, which the JVM enforces by killing the sandbox, and the output cap, which the JVM applies
 * while reading.
 *
 * <p>Defaults ({@link #defaults()}): wall clock 30 s, CPU 20 s per process, address space 1 GiB per
 * process, 64 processes (threads count too), files up to 16 MiB each, 256 open files, 1 MiB of
 * output per stream, 64 MiB for each of the sandbox's writable file systems (the work directory and
 * /tmp, both memory-backed).
 *
 * @param wallTimeout       the run is killed and reported as {@code timeout} after this long
 * @param cpuSeconds        RLIMIT_CPU: CPU seconds per process, then SIGXCPU kills it
 * @param addressSpaceBytes RLIMIT_AS: virtual memory per process (Python raises MemoryError)
 * @param maxProcesses      RLIMIT_NPROC: processes and threads of the sandbox's uid
 * @param maxFileBytes      RLIMIT_FSIZE: largest file a process may write (Python gets EFBIG)
 * @param openFiles         RLIMIT_NOFILE: open file descriptors per process
 * @param outputBytes       bytes kept of stdout and of stderr each (and of both together); the
 *                          rest is read, discarded and replaced by a marker
 * @param scratchBytes      size of the work directory and of /tmp inside the sandbox (tmpfs)
 */
public record SandboxLimits(
        Duration wallTimeout,
        int cpuSeconds,
        long addressSpaceBytes,
        int maxProcesses,
        long maxFileBytes,
        int openFiles,
        int outputBytes,
        long scratchBytes) {

    private static final long MIB = 1024L * 1024L;

    public SandboxLimits {
        if (wallTimeout == null || wallTimeout.isNegative() || wallTimeout.isZero()) {
            throw new IllegalArgumentException("wall timeout must be positive, got " + wallTimeout);
        }
        requirePositive("CPU seconds", cpuSeconds);
        requirePositive("address space bytes", addressSpaceBytes);
        requirePositive("max processes", maxProcesses);
        requirePositive("max file bytes", maxFileBytes);
        requirePositive("open files", openFiles);
        requirePositive("output bytes", outputBytes);
        requirePositive("scratch bytes", scratchBytes);
    }

    /** The documented defaults. */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(30), 20, 1024 * MIB, 64, 16 * MIB, 256, (int) MIB, 64 * MIB);
    }

    public SandboxLimits withWallTimeout(Duration value) {
        return new SandboxLimits(value, cpuSeconds, addressSpaceBytes, maxProcesses, maxFileBytes, openFiles, outputBytes, scratchBytes);
    }

    public SandboxLimits withCpuSeconds(int value) {
        return new SandboxLimits(wallTimeout, value, addressSpaceBytes, maxProcesses, maxFileBytes, openFiles, outputBytes, scratchBytes);
    }

    public SandboxLimits withAddressSpaceBytes(long value) {
        return new SandboxLimits(wallTimeout, cpuSeconds, value, maxProcesses, maxFileBytes, openFiles, outputBytes, scratchBytes);
    }

    public SandboxLimits withMaxProcesses(int value) {
        return new SandboxLimits(wallTimeout, cpuSeconds, addressSpaceBytes, value, maxFileBytes, openFiles, outputBytes, scratchBytes);
    }

    public SandboxLimits withMaxFileBytes(long value) {
        return new SandboxLimits(wallTimeout, cpuSeconds, addressSpaceBytes, maxProcesses, value, openFiles, outputBytes, scratchBytes);
    }

    public SandboxLimits withOpenFiles(int value) {
        return new SandboxLimits(wallTimeout, cpuSeconds, addressSpaceBytes, maxProcesses, maxFileBytes, value, outputBytes, scratchBytes);
    }

    public SandboxLimits withOutputBytes(int value) {
        return new SandboxLimits(wallTimeout, cpuSeconds, addressSpaceBytes, maxProcesses, maxFileBytes, openFiles, value, scratchBytes);
    }

    public SandboxLimits withScratchBytes(long value) {
        return new SandboxLimits(wallTimeout, cpuSeconds, addressSpaceBytes, maxProcesses, maxFileBytes, openFiles, outputBytes, value);
    }

    private static void requirePositive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
