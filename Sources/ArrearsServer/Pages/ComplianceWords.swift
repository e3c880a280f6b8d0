import ArrearsCore

/// A refusal in words, beside the field it names.
enum ComplianceWords {
    /// A refusal beside its field: in English the API's message; in Chinese the catalogue's words
    /// for its code (`missing_field`, `invalid_field`, `not_found`, …), never the English message.
    static func refusal(_ error: APIError, _ t: Words, language: Language) -> String {
        guard language != .en else { return error.message }
        return t.table[CodeList.error.prefix + error.code] ?? t["cp_err_invalid_field"]
    }
}
