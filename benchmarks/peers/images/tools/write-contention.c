/*
 * How much a page-cache write costs the writing thread, alone and while another thread or process keeps the
 * other core busy: one thread fills 1 MiB blocks (a ring of 8), another writes each as 128 KiB pwrite()s, the way
 * the image client's decoding and writing threads share blocks. Prints the writing thread's CPU time for 1 GiB.
 *
 *   gcc -O2 -pthread -o /tmp/write-contention benchmarks/peers/images/tools/write-contention.c
 *   /tmp/write-contention 0 /tmp/wc.out     one thread fills and writes
 *   /tmp/write-contention 1 /tmp/wc.out     a filling thread and a writing thread
 *   zstd -q -d -c disk.raw.zst > /dev/null & /tmp/write-contention 1 /tmp/wc.out     ... next to a decompression
 *
 * The output file must not exist (O_EXCL: no truncation, see docs/images.md) and is removed at the end.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLOCK (1 << 20)
#define BLOCKS 8
#define PIECE (128 * 1024)
#define TOTAL (1L << 30)

static char *ring[BLOCKS];
static atomic_long filled, written;
static int out;

static double seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void write_block(long i)
{
    for (long p = 0; p < BLOCK; p += PIECE) {
        if (pwrite(out, ring[i % BLOCKS] + p, PIECE, i * BLOCK + p) != PIECE) {
            perror("pwrite");
            exit(1);
        }
    }
}

static void *fill(void *unused)
{
    (void)unused;
    for (long i = 0; i < TOTAL / BLOCK; i++) {
        while (i - atomic_load(&written) >= BLOCKS) {
        }
        memset(ring[i % BLOCKS], (int)i, BLOCK);
        atomic_store(&filled, i + 1);
    }
    return NULL;
}

static void *drain(void *unused)
{
    (void)unused;
    double cpu = seconds(CLOCK_THREAD_CPUTIME_ID);
    for (long i = 0; i < TOTAL / BLOCK; i++) {
        while (atomic_load(&filled) <= i) {
        }
        write_block(i);
        atomic_store(&written, i + 1);
    }
    printf("writing thread: %.3f s of CPU for 1 GiB\n", seconds(CLOCK_THREAD_CPUTIME_ID) - cpu);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s 0|1 OUTPUT\n", argv[0]);
        return 2;
    }
    for (int i = 0; i < BLOCKS; i++) {
        ring[i] = aligned_alloc(4096, BLOCK);
        memset(ring[i], 1, BLOCK);
    }
    out = open(argv[2], O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (out < 0) {
        perror(argv[2]);
        return 1;
    }
    double start = seconds(CLOCK_MONOTONIC);
    if (atoi(argv[1]) == 0) {
        double cpu = seconds(CLOCK_THREAD_CPUTIME_ID);
        for (long i = 0; i < TOTAL / BLOCK; i++) {
            memset(ring[i % BLOCKS], (int)i, BLOCK);
            write_block(i);
        }
        printf("one thread: %.3f s of CPU for 1 GiB\n", seconds(CLOCK_THREAD_CPUTIME_ID) - cpu);
    } else {
        pthread_t filler, writer;
        pthread_create(&filler, NULL, fill, NULL);
        pthread_create(&writer, NULL, drain, NULL);
        pthread_join(filler, NULL);
        pthread_join(writer, NULL);
    }
    printf("wall %.3f s\n", seconds(CLOCK_MONOTONIC) - start);
    close(out);
    unlink(argv[2]);
    return 0;
}
