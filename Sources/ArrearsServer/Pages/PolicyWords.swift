import ArrearsCore

/// The policy pack's rules in the page's language. A pack describes its rules in English
/// (`config/policies/*.yaml`); a Chinese page shows the catalogue's words, found by the rule's id
/// (`rule_<id>`), and the pack's own description where there are none.
enum PolicyWords {
    /// How `rule` reads in `words`' language: its words, the pack's description, or its id.
    static func rule(_ rule: String, pack: PolicyPack?, words: [String: String]) -> String {
        words["rule_" + rule] ?? pack?.rule(rule)?.description ?? rule
    }

    /// Why a contact is refused, in the page's language: in English the pack's reason as it is;
    /// otherwise the rule's words (the reason's figures, such as the customer's time, are on the
    /// page beside it).
    static func refusal(rule: String?, reason: String?, pack: PolicyPack?, words: [String: String], language: Language) -> String {
        guard language != .en, let rule, words["rule_" + rule] != nil else { return reason ?? rule ?? "" }
        return Self.rule(rule, pack: pack, words: words)
    }
}
