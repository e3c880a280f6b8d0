import ArrearsCore

/// The search page's words (`SearchView`), over `Localizer`'s table.
enum SearchWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        localizer.language == .en ? englishTable : chineseTable
    }

    private static let chineseTable = Localizer(language: .zhCN).table.merging(chinese) { _, own in own }
    private static let englishTable = Localizer(language: .en).table.merging(english) { _, own in own }

    static let chinese: [String: String] = [
        "se_title": "查找客户", "se_query": "姓名、客户号、账号、手机号、证件号或电子邮箱", "se_mobile_ending": "手机尾号（4 位，可选，与姓名一起使用）",
        "se_search": "查找", "se_none": "没有找到客户。", "se_customer": "客户", "se_matched_by": "匹配方式", "se_case": "案件",
        "se_no_open_case": "无未结案件", "se_open_case": "打开案件", "se_not_yours": "不在您的队列中：如客户来电，请填写原因后打开（有效 30 分钟，记入审计日志）。",
        "se_reason": "原因", "se_open_for_call": "为来电打开", "se_error": "无法查找", "se_more": "最多显示 20 位客户；请输入更完整的信息。",
        "se_match_customer_id": "客户号", "se_match_account_id": "账号", "se_match_id_number": "证件号", "se_match_mobile": "手机号",
        "se_match_email": "电子邮箱", "se_match_name": "姓名", "se_match_name_and_mobile_ending": "姓名与手机尾号",
        "se_privacy": "手机号、证件号按加密摘要查找，输入的号码不会被记录。",
    ]

    static let english: [String: String] = [
        "se_title": "Find a customer", "se_query": "Name, customer id, account id, mobile, ID number or e-mail",
        "se_mobile_ending": "Last 4 digits of the mobile (optional, with a name)", "se_search": "Search", "se_none": "No customer found.",
        "se_customer": "Customer", "se_matched_by": "Matched by", "se_case": "Case", "se_no_open_case": "no open case", "se_open_case": "Open the case",
        "se_not_yours": "Not in your queue: if the customer is calling you, give the reason to open it (30 minutes, recorded in the audit log).",
        "se_reason": "Reason", "se_open_for_call": "Open for this call", "se_error": "Cannot search",
        "se_more": "At most 20 customers are shown; type more to narrow the search.",
        "se_match_customer_id": "customer id", "se_match_account_id": "account id", "se_match_id_number": "ID number", "se_match_mobile": "mobile",
        "se_match_email": "e-mail", "se_match_name": "name", "se_match_name_and_mobile_ending": "name and mobile ending",
        "se_privacy": "Mobile and ID numbers are looked up by a keyed hash; the number you type is not recorded.",
    ]
}
