package org.zou4j.internal.access;

import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.zou4j.Query;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * An {@link AccessPolicy} assembled from rules: one {@link ListRule} and one {@link Rule} per operation, plus the
 * caller-dependent field rules. Every part defaults to Zou's default, admin only; the model's admin-only columns
 * ({@link ModelDef#adminOnlyFields()}) are hidden from, and unfilterable by, everyone else.
 */
public final class RulePolicy implements AccessPolicy {
    private final ListRule list;
    private final Rule read;
    private final Rule create;
    private final Rule update;
    private final Rule delete;
    private final Function<Caller, Set<String>> hidden;
    private final BiPredicate<Caller, String> filterable;
    private final Function<Caller, Set<String>> protectedKeys;
    private final Shaper shaper;

    /** Reshapes a serialized row for the caller (see {@link AccessPolicy#shape}). */
    @FunctionalInterface
    public interface Shaper {
        Map<String, Object> shape(AccessContext ctx, Map<String, Object> json, boolean single);
    }

    private RulePolicy(Builder b) {
        this.list = b.list;
        this.read = b.read;
        this.create = b.create;
        this.update = b.update;
        this.delete = b.delete;
        this.hidden = b.hidden;
        Function<Caller, Set<String>> hiddenFields = b.hidden;
        this.filterable = b.filterable != null ? b.filterable : (c, k) -> !hiddenFields.apply(c).contains(k);
        this.protectedKeys = b.protectedKeys;
        this.shaper = b.shaper;
    }

    /** Starts a policy for {@code def}: admin only until told otherwise. */
    public static Builder builder(ModelDef def) {
        return new Builder(def);
    }

    @Override
    public Filter listScope(AccessContext ctx, Query query) throws SQLException {
        return list.scope(ctx, query);
    }

    @Override
    public void checkRead(AccessContext ctx, Row row) throws SQLException {
        Rule.require(read.allows(ctx, Target.of(row)));
    }

    @Override
    public void checkCreate(AccessContext ctx, Map<String, Object> data) throws SQLException {
        Rule.require(create.allows(ctx, Target.of(data)));
    }

    @Override
    public void checkUpdate(AccessContext ctx, Row row, Map<String, Object> changes) throws SQLException {
        Rule.require(update.allows(ctx, Target.update(row, changes)));
    }

    @Override
    public void checkDelete(AccessContext ctx, Row row) throws SQLException {
        Rule.require(delete.allows(ctx, Target.of(row)));
    }

    @Override
    public Set<String> hiddenFrom(Caller caller) {
        return hidden.apply(caller);
    }

    @Override
    public boolean mayFilter(Caller caller, String key) {
        return filterable.test(caller, key);
    }

    @Override
    public Set<String> protectedFrom(Caller caller) {
        return protectedKeys.apply(caller);
    }

    @Override
    public Map<String, Object> shape(AccessContext ctx, Map<String, Object> json, boolean single) {
        return shaper.shape(ctx, json, single);
    }

    /** Collects the rules of one model. */
    public static final class Builder {
        private ListRule list = ListRule.ADMIN;
        private Rule read = Rule.ADMIN;
        private Rule create = Rule.ADMIN;
        private Rule update = Rule.ADMIN;
        private Rule delete = Rule.ADMIN;
        private Function<Caller, Set<String>> hidden;
        private BiPredicate<Caller, String> filterable;
        private Function<Caller, Set<String>> protectedKeys = c -> Set.of();
        private Shaper shaper = (ctx, json, single) -> json;

        private Builder(ModelDef def) {
            Set<String> adminOnly = def.adminOnlyFields();
            this.hidden = c -> c.isAdmin() ? Set.of() : adminOnly;
        }

        public Builder list(ListRule rule) {
            this.list = Objects.requireNonNull(rule);
            return this;
        }

        public Builder read(Rule rule) {
            this.read = Objects.requireNonNull(rule);
            return this;
        }

        public Builder create(Rule rule) {
            this.create = Objects.requireNonNull(rule);
            return this;
        }

        public Builder update(Rule rule) {
            this.update = Objects.requireNonNull(rule);
            return this;
        }

        public Builder delete(Rule rule) {
            this.delete = Objects.requireNonNull(rule);
            return this;
        }

        /** Update and delete share one rule. */
        public Builder write(Rule rule) {
            return update(rule).delete(rule);
        }

        /** Who may filter on which key (default: any key not hidden from them). */
        public Builder filterable(BiPredicate<Caller, String> rule) {
            this.filterable = Objects.requireNonNull(rule);
            return this;
        }

        public Builder protectedFrom(Function<Caller, Set<String>> keys) {
            this.protectedKeys = Objects.requireNonNull(keys);
            return this;
        }

        public Builder shape(Shaper shaper) {
            this.shaper = Objects.requireNonNull(shaper);
            return this;
        }

        public RulePolicy build() {
            return new RulePolicy(this);
        }
    }
}
