import ArrearsCore

/// The workbench pages' own words, added to `Localizer`'s table for `queue.leaf` and `case.leaf`.
enum WorkbenchWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        localizer.table.merging(localizer.language == .en ? english : chinese) { _, own in own }
    }

    static let chinese: [String: String] = [
        "wb_queue_title": "我的队列", "wb_case_title": "案件", "wb_customer": "客户", "wb_channel": "渠道", "wb_dpd": "逾期天数",
        "wb_overdue": "逾期金额", "wb_contact_now": "现在可否联系", "wb_allowed": "可以", "wb_blocked": "不可以", "wb_next_allowed": "最早可联系",
        "wb_empty_queue": "队列中没有任务。", "wb_accounts": "账户", "wb_dues": "应还款", "wb_payments": "还款", "wb_attempts": "联系记录",
        "wb_promises": "承诺还款", "wb_tasks": "待办任务", "wb_flags": "客户标记", "wb_log_attempt": "记录联系", "wb_outcome": "结果",
        "wb_note": "备注", "wb_save": "保存", "wb_take_promise": "承诺还款", "wb_amount": "金额", "wb_due_on": "到期日", "wb_next_case": "下一个案件",
        "wb_none": "无", "wb_status": "状态", "wb_back_to_queue": "返回队列", "wb_outstanding": "未还总额", "wb_error": "未保存",
    ]

    static let english: [String: String] = [
        "wb_queue_title": "My queue", "wb_case_title": "Case", "wb_customer": "Customer", "wb_channel": "Channel", "wb_dpd": "DPD",
        "wb_overdue": "Overdue", "wb_contact_now": "Contact now?", "wb_allowed": "allowed", "wb_blocked": "not allowed", "wb_next_allowed": "next allowed",
        "wb_empty_queue": "Nothing in the queue.", "wb_accounts": "Accounts", "wb_dues": "Dues", "wb_payments": "Payments", "wb_attempts": "Contact history",
        "wb_promises": "Promises to pay", "wb_tasks": "Open tasks", "wb_flags": "Flags", "wb_log_attempt": "Log a contact attempt", "wb_outcome": "Outcome",
        "wb_note": "Note", "wb_save": "Save", "wb_take_promise": "Take a promise to pay", "wb_amount": "Amount", "wb_due_on": "Due on", "wb_next_case": "Next case",
        "wb_none": "None", "wb_status": "Status", "wb_back_to_queue": "Back to the queue", "wb_outstanding": "Outstanding", "wb_error": "Not saved",
    ]
}
