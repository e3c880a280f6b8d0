extension PolicyPack {
    /// The pack's minimum keep time: the longest of its `retention` rules (`cn.record-retention`:
    /// collection records are kept at least 2 years), with the rule that sets it; nil when the pack
    /// sets none. A bank's retention period may be longer, never shorter (`RetentionConfig`).
    public var minimumRetention: (days: Int, rule: PolicyRule)? {
        var longest: (days: Int, rule: PolicyRule)?
        for rule in rules {
            guard case .retention(let days) = rule.kind, days > (longest?.days ?? -1) else { continue }
            longest = (days, rule)
        }
        return longest
    }
}
