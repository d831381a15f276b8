package io.clarion.api;

/**
 * Whose accounts an API caller sees in briefings and feedback: every owner's, one owner's, or
 * none. Decided once, by {@link Caller#ownerScope()}; a caller restricted to rows but missing
 * the owner_id attribute gets {@link #NONE}, never "no restriction".
 *
 * @param all     every owner's accounts
 * @param ownerId the one owner whose accounts are visible when not {@code all} (null: none)
 */
public record OwnerScope(boolean all, String ownerId) {
    public static final OwnerScope ALL = new OwnerScope(true, null);
    public static final OwnerScope NONE = new OwnerScope(false, null);

    public static OwnerScope owner(String ownerId) {
        return ownerId == null || ownerId.isBlank() ? NONE : new OwnerScope(false, ownerId);
    }

    /** True when rows of {@code owner} may be shown. */
    public boolean allows(String owner) {
        return all || (ownerId != null && ownerId.equals(owner));
    }

    public boolean none() {
        return !all && ownerId == null;
    }
}
