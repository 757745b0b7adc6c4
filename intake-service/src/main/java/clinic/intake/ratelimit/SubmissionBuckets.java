package clinic.intake.ratelimit;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * The submission buckets in the {@code rate_limit_bucket} table: Bucket4j's proxies to them, and the removal
 * of expired ones (the same Bucket4j object, seen through its two interfaces).
 */
record SubmissionBuckets(ProxyManager<String> proxies, ExpiredEntriesCleaner expired) {

    static <T extends ProxyManager<String> & ExpiredEntriesCleaner> SubmissionBuckets of(T manager) {
        return new SubmissionBuckets(manager, manager);
    }
}
