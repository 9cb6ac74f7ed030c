package org.zou4j.internal.hooks;

import org.zou4j.Query;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;

/**
 * Metadata descriptor (reference §3.3, §8.3): a list with no query string at all includes the relations
 * ({@code departments}); with any parameter it follows {@code ?relations} like every other list.
 */
final class MetadataDescriptorHooks implements ModelHooks {

    @Override
    public Query listQuery(HookContext ctx, Query query) {
        return query.isEmpty() ? Query.all().with("relations", "true") : query;
    }
}
