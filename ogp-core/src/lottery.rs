//! The lottery: a named, portable way to break ties from an explicit seed.
//!
//! Where a rule leaves a tie (two candidates with equal scores after every criterion of the
//! tie-break, two members equally due for a rotation), the order is drawn from a seed that the
//! data gives and that every result records. The draw uses no library generator, so anyone can
//! re-run it in any language:
//!
//! 1. `salt` is a string naming the draw (e.g. the call's or the event's id);
//! 2. each tied item's **key** is `splitmix64(seed XOR fnv1a64(salt + "/" + id))`, where
//!    `fnv1a64` is the 64-bit FNV-1a hash of the UTF-8 bytes (offset basis
//!    `0xcbf29ce484222325`, prime `0x100000001b3`) and `splitmix64` is the finaliser of
//!    SplitMix64 applied once (`z += 0x9e3779b97f4a7c15; z = (z ^ (z >> 30)) *
//!    0xbf58476d1ce4e5b9; z = (z ^ (z >> 27)) * 0x94d049bb133111eb; z ^ (z >> 31)`, all
//!    wrapping);
//! 3. items are ordered by key, ascending (then by id, should two keys ever collide).
//!
//! The same seed, salt and ids always give the same order, whatever order the ids come in.
//!
//! ```
//! use ogp_core::lottery;
//!
//! let order = lottery::order(2026, "call-2026", &["cand-a", "cand-b", "cand-c"]);
//! let again = lottery::order(2026, "call-2026", &["cand-c", "cand-a", "cand-b"]);
//! assert_eq!(order, again);
//! assert_eq!(lottery::key(2026, "call-2026", "cand-a"), lottery::key(2026, "call-2026", "cand-a"));
//! ```

/// The 64-bit FNV-1a hash of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The SplitMix64 finaliser applied once to `x`.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The draw key of `id` in the draw named `salt` with `seed`.
pub fn key(seed: u64, salt: &str, id: &str) -> u64 {
    let mut s = String::with_capacity(salt.len() + 1 + id.len());
    s.push_str(salt);
    s.push('/');
    s.push_str(id);
    splitmix64(seed ^ fnv1a64(s.as_bytes()))
}

/// `ids` in the order the draw gives them (ascending key, then id).
pub fn order<'a>(seed: u64, salt: &str, ids: &[&'a str]) -> Vec<&'a str> {
    let mut keyed: Vec<(u64, &str)> = ids.iter().map(|id| (key(seed, salt, id), *id)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        // Published constants, so that other implementations can check theirs.
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(splitmix64(0), 0xe220_a839_7b1d_cdaf);
    }

    #[test]
    fn order_ignores_input_order_and_depends_on_seed() {
        let ids = ["a", "b", "c", "d", "e", "f"];
        let mut rev = ids;
        rev.reverse();
        assert_eq!(order(7, "x", &ids), order(7, "x", &rev));
        let seeds: std::collections::BTreeSet<Vec<&str>> =
            (0..20).map(|s| order(s, "x", &ids)).collect();
        assert!(seeds.len() > 1, "different seeds give different draws");
    }
}
