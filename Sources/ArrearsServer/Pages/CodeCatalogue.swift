import ArrearsCore
import Foundation

/// The words for the codes the pages show that had none elsewhere (treatments, follow-up queues
/// and tasks, payment channels, letter templates, languages, case statuses, error codes, the
/// audit log's detail keys), and the catalogue of every words table in each language, which
/// `UntranslatedCodeTests` holds complete: every code of every list has words in both languages,
/// and every table has the same keys in both.
enum CodeCatalogue {
    /// How a payment reached the bank, as the bank's files write it (docs/import-formats.md);
    /// another value is shown with its underscores as spaces.
    static let paymentChannels = ["bank_transfer", "alipay", "wechat_pay", "direct_debit", "counter", "card", "unknown"]
    /// A case's statuses.
    static let caseStatuses = ["open", "closed"]

    /// `prefix + code` in `t`'s words, or the code with its underscores as spaces when none
    /// exist (a code a bank's configuration added), never a snake_case identifier.
    static func word(_ prefix: String, _ code: String, _ t: Words) -> String {
        t.table[prefix + code] ?? code.replacingOccurrences(of: "_", with: " ")
    }

    /// A KPI group (`/analytics`, `/reports/monthly`): a segment, a cell or "unknown" in words;
    /// a bucket, region, team or collector as it is named.
    static func group(_ group: String, _ t: Words) -> String {
        t.table["segment_" + group] ?? t.table["cell_" + group] ?? t.table["group_" + group] ?? group
    }

    /// A note in `t`'s words where the system wrote it (on a flag, `complaint <id>` when a
    /// complaint is logged, `contact outcome <code> (<attempt>)` when an outcome sets a flag; on an
    /// arrangement, the approval of one within its proposer's authority); a person's note as it
    /// was written.
    static func note(_ note: String, _ t: Words) -> String {
        if note == "within the proposer's own authority", let words = t.table["note_own_authority"] { return words }
        let parts = note.split(separator: " ").map(String.init)
        if parts.count == 2, parts[0] == "complaint", let words = t.table["note_complaint"] {
            return words.replacingOccurrences(of: "{id}", with: parts[1])
        }
        if parts.count == 4, parts[0] == "contact", parts[1] == "outcome", parts[3].hasPrefix("("), parts[3].hasSuffix(")"), let words = t.table["note_outcome"] {
            return words.replacingOccurrences(of: "{outcome}", with: word("wb_outcome_", parts[2], t))
                .replacingOccurrences(of: "{attempt}", with: String(parts[3].dropFirst().dropLast()))
        }
        return note
    }

    /// The prefixes tried, in order, for a value in an audit entry's details.
    private static let valuePrefixes = ["wb_outcome_", "ch_", "flag_", "tr_", "rule_", "promise_", "wb_arr_kind_", "wb_arr_status_", "vs_status_", "lg_stage_",
                                        "segment_", "product_", "role_", "pay_", "queue_", "task_", "cpt_"]

    /// An audit entry's details (a JSON object) as `key: value` lines in `t`'s words: each key
    /// by its words (`ad_<key>`), each value that is a code by the code's words, each UTC time
    /// in `zone`; details that
    /// are not an object are shown as they are.
    static func auditDetails(_ details: String, in zone: TimeZone, _ t: Words) -> String {
        guard let data = details.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return details }
        return object.keys.sorted().map { key in
            let value: String
            switch object[key] {
            case let text as String where UTCTimestamp.instant(text) != nil: value = ConsoleForm.localTime(text, in: zone)
            case let text as String: value = valuePrefixes.lazy.compactMap { t.table[$0 + text] }.first ?? text
            case let list as [Any]: value = list.map { item in (item as? String).flatMap { text in valuePrefixes.lazy.compactMap { t.table[$0 + text] }.first } ?? "\(item)" }
                .joined(separator: ", ")
            case let number as NSNumber: value = number.stringValue
            case nil, is NSNull: value = ""
            case let other?: value = "\(other)"
            }
            return "\(word("ad_", key, t)): \(value)"
        }.joined(separator: "; ")
    }

    /// Every words table, with the keys that are meant to have Chinese words only (a rule reads
    /// in English as its pack describes it).
    static let tables: [(name: String, english: [String: String], chinese: [String: String], chineseOnly: Set<String>)] = [
        ("Localizer", Localizer.english, Localizer.chinese, []),
        ("WorkbenchWords", WorkbenchWords.english, WorkbenchWords.chinese, []),
        ("CaseWords", CaseWords.english, CaseWords.chinese, []),
        ("PolicyWords", PolicyWords.english, PolicyWords.chinese, Set(PolicyWords.chinese.keys.filter { $0.hasPrefix("rule_") })),
        ("ComplianceWords", ComplianceWords.english, ComplianceWords.chinese, []),
        ("LegalWords", LegalWords.english, LegalWords.chinese, []),
        ("VisitWords", VisitWords.english, VisitWords.chinese, []),
        ("SupervisorWords", SupervisorWords.english, SupervisorWords.chinese, []),
        ("SearchWords", SearchWords.english, SearchWords.chinese, []),
        ("AnalyticsWords", AnalyticsWords.english, AnalyticsWords.chinese, []),
        ("ComparisonWords", ComparisonWords.english, ComparisonWords.chinese, []),
        ("ScoreReasonWords", ScoreReasonWords.english, ScoreReasonWords.chinese, []),
        ("CodeCatalogue", english, chinese, []),
    ]

    /// Every word of every table in English (a key in two tables: the later table's words).
    static let allEnglish: [String: String] = tables.reduce(into: [:]) { all, table in all.merge(table.english) { _, later in later } }
    /// Every word of every table in Chinese.
    static let allChinese: [String: String] = tables.reduce(into: [:]) { all, table in all.merge(table.chinese) { _, later in later } }

    static let chinese: [String: String] = [
        // Treatments of config/strategy.yaml
        "tr_legal_review": "转法务审查", "tr_prime_call": "优质客户电话提醒", "tr_field_visit": "外访", "tr_collection_letter": "催收信函",
        "tr_call": "电话催收", "tr_early_call": "早期电话提醒", "tr_prime_reminder_email": "优质客户邮件提醒", "tr_prime_reminder_sms": "优质客户短信提醒",
        "tr_reminder_sms": "短信提醒", "tr_reminder_email": "邮件提醒", "tr_sms": "短信", "tr_email": "电子邮件", "tr_visit": "外访", "tr_letter": "信函",
        // Follow-up queues and tasks of config/outcomes.yaml
        "queue_compliance": "合规", "queue_collections": "催收", "queue_legal": "法务",
        "task_dispute_review": "核实有异议的债务并答复客户，异议处理完毕后结束异议标记",
        "task_income_expenditure": "评估客户收支状况，提供合适的宽限方案",
        "task_estate_review": "核实客户死亡并向遗产申报债权",
        // Payment channels
        "pay_bank_transfer": "银行转账", "pay_alipay": "支付宝", "pay_wechat_pay": "微信支付", "pay_direct_debit": "自动扣款", "pay_counter": "柜台",
        "pay_card": "银行卡", "pay_unknown": "未知渠道",
        // Letter templates and languages
        "letter_collection_letter": "催收函", "letter_demand_letter": "律师催告函", "lang_zh-CN": "中文", "lang_en": "英文",
        // Audit actions the console's table had no words for
        "au_add_user": "添加用户", "au_disable_user": "停用用户", "au_set_user_time_zone": "设置用户时区", "au_create_api_token": "创建 API 令牌", "au_revoke_api_token": "吊销 API 令牌",
        "au_encrypt_personal_data": "加密个人信息", "au_lookup_personal_data": "按个人信息查找", "au_rotate_data_key": "轮换数据密钥",
        "au_inbound_access_granted": "来电客户临时授权", "au_retention.run": "数据保留期清理",
        "au_arrangement.propose": "提出还款安排", "au_arrangement.approve": "批准还款安排", "au_arrangement.reject": "拒绝还款安排",
        "au_model.train": "训练评分模型", "au_model.activate": "启用评分模型", "au_quality.review": "联系质检", "au_task.reassign": "改派任务",
        // Contact points and their kinds
        "cpt_mobile": "手机", "cpt_email": "电子邮箱", "cpt_address": "地址", "cpt_own": "客户本人", "cpt_emergency_contact": "紧急联系人", "cpt_third_party": "第三方",
        // KPI dimensions and groups
        "dim_product": "产品", "dim_bucket": "逾期阶段", "dim_cell": "策略组", "dim_region": "地区", "dim_team": "团队", "dim_collector": "催收员", "dim_segment": "客户分层",
        "cell_champion": "冠军策略", "cell_challenger": "挑战者策略", "group_unknown": "未知",
        // Notes the system writes on a flag
        "note_complaint": "投诉 {id}", "note_outcome": "联系结果：{outcome}（{attempt}）", "note_own_authority": "在提出人自身权限内，自动批准",
        // Case statuses
        "case_open": "在催", "case_closed": "已结案",
        // Error codes the pages may show beside a field
        "cp_err_wrong_status": "当前状态下不能执行此操作。", "cp_err_unsupported_media_type": "不支持该文件类型。", "cp_err_payload_too_large": "提交的内容过大。",
        "cp_err_field_not_allowed": "不接受此项。", "cp_err_visit_not_started": "外访时间尚未开始。", "cp_err_visit_already_open": "该案件已有未完成的外访。",
        "cp_err_unsupported_content_encoding": "不支持该内容编码。", "cp_err_too_many_attempts": "尝试次数过多，请稍后再试。",
        "cp_err_promise_pending": "已有一项待履行的还款承诺。", "cp_err_payment_conflict": "该还款编号已用于另一笔还款。", "cp_err_no_policy_pack": "未配置合规规则包。",
        "cp_err_invalid_credentials": "用户名或密码错误。", "cp_err_internal_error": "系统出错，已记录，请稍后再试。",
        "cp_err_idempotency_key_reused": "该请求编号已用于另一请求。", "cp_err_idempotency_key_in_flight": "同一请求正在处理中。",
        "cp_err_four_eyes": "须由提出人以外的人审批。", "cp_err_forbidden": "您的角色无权执行此操作。", "cp_err_blocked_by_policy": "合规规则不允许此操作。",
        "cp_err_beyond_authority": "超出您的审批权限。", "cp_err_conflict": "与已有记录冲突。", "cp_err_unauthorized": "请先登录。",
        "cp_err_not_acceptable": "无法以所要求的格式答复。", "cp_err_too_many_requests": "请求过于频繁，请稍后再试。",
        // Audit details' keys
        "ad_account_id": "账户", "ad_action": "操作", "ad_actor": "操作人", "ad_agent_id": "经办人", "ad_approved_by": "批准人", "ad_approved_on": "批准日期",
        "ad_as_of": "数据日期", "ad_attachment_id": "附件", "ad_breach_reason": "违规原因", "ad_breached_rule": "违反的规则", "ad_case_id": "案件",
        "ad_channel": "渠道", "ad_complaint_id": "投诉", "ad_contact_point": "联系方式", "ad_court_case_number": "案号", "ad_court_name": "法院",
        "ad_dues_restored": "恢复的应还款", "ad_evidence": "依据", "ad_field": "字段", "ad_fields": "字段", "ad_forgiven_minor": "减免金额（分）",
        "ad_from": "自", "ad_hardship_allowance": "困难宽限", "ad_kind": "类型", "ad_matches": "匹配数", "ad_message_id": "消息", "ad_missed_instalment": "未还期次",
        "ad_notice_id": "通知", "ad_notified_at": "通知时间", "ad_override_id": "例外放行", "ad_path": "路径", "ad_pay_by": "最迟还款日",
        "ad_period_days": "期间天数", "ad_plan_arrangement_id": "还款安排", "ad_promise_id": "承诺", "ad_reason": "原因", "ad_resolved_at": "办结时间",
        "ad_rows": "条数", "ad_subject": "对象", "ad_target": "目标", "ad_team": "外访组", "ad_to": "至", "ad_until": "止", "ad_value": "取值",
        "ad_visit_id": "外访", "ad_outcome": "结果", "ad_note": "备注", "ad_flag": "标记", "ad_amount_minor": "金额（分）", "ad_currency": "币种",
        "ad_due_on": "到期日", "ad_stage": "阶段", "ad_customer_id": "客户", "ad_attempt_id": "联系记录", "ad_rule": "规则", "ad_status": "状态", "ad_attempted_at": "联系时间",
        "ad_legal_case_id": "诉讼案件", "ad_display_name": "显示名称", "ad_username": "用户名", "ad_role": "角色", "ad_time_zone": "时区",
    ]

    static let english: [String: String] = [
        "tr_legal_review": "legal review", "tr_prime_call": "call to a prime customer", "tr_field_visit": "field visit", "tr_collection_letter": "collection letter",
        "tr_call": "call", "tr_early_call": "early call", "tr_prime_reminder_email": "e-mail reminder to a prime customer", "tr_prime_reminder_sms": "SMS reminder to a prime customer",
        "tr_reminder_sms": "SMS reminder", "tr_reminder_email": "e-mail reminder", "tr_sms": "SMS", "tr_email": "e-mail", "tr_visit": "visit", "tr_letter": "letter",
        "queue_compliance": "compliance", "queue_collections": "collections", "queue_legal": "legal",
        "task_dispute_review": "Verify the disputed debt and answer the customer; end the dispute flag when it is resolved",
        "task_income_expenditure": "Assess the customer's income and expenditure and offer forbearance that fits",
        "task_estate_review": "Verify the death and make the claim on the estate",
        "pay_bank_transfer": "bank transfer", "pay_alipay": "Alipay", "pay_wechat_pay": "WeChat Pay", "pay_direct_debit": "direct debit", "pay_counter": "at the counter",
        "pay_card": "card", "pay_unknown": "channel unknown",
        "letter_collection_letter": "collection letter", "letter_demand_letter": "demand letter", "lang_zh-CN": "Chinese", "lang_en": "English",
        "au_add_user": "user added", "au_disable_user": "user disabled", "au_set_user_time_zone": "user's time zone set", "au_create_api_token": "API token created", "au_revoke_api_token": "API token revoked",
        "au_encrypt_personal_data": "personal data encrypted", "au_lookup_personal_data": "looked up by personal data", "au_rotate_data_key": "data key rotated",
        "au_inbound_access_granted": "inbound caller's case opened", "au_retention.run": "retention run",
        "au_arrangement.propose": "arrangement proposed", "au_arrangement.approve": "arrangement approved", "au_arrangement.reject": "arrangement rejected",
        "au_model.train": "model trained", "au_model.activate": "model activated", "au_quality.review": "contact quality reviewed", "au_task.reassign": "task reassigned",
        "cpt_mobile": "mobile", "cpt_email": "e-mail", "cpt_address": "address", "cpt_own": "the customer's own", "cpt_emergency_contact": "emergency contact",
        "cpt_third_party": "third party",
        "dim_product": "product", "dim_bucket": "bucket", "dim_cell": "cell", "dim_region": "region", "dim_team": "team", "dim_collector": "collector", "dim_segment": "segment",
        "cell_champion": "champion", "cell_challenger": "challenger", "group_unknown": "unknown",
        "note_complaint": "complaint {id}", "note_outcome": "contact outcome: {outcome} ({attempt})", "note_own_authority": "within the proposer's own authority",
        "case_open": "open", "case_closed": "closed",
        "cp_err_wrong_status": "Not possible in its present status.", "cp_err_unsupported_media_type": "That type of file is not accepted.",
        "cp_err_payload_too_large": "What was sent is too large.", "cp_err_field_not_allowed": "That field is not accepted.",
        "cp_err_visit_not_started": "The visit's window has not started.", "cp_err_visit_already_open": "The case already has a visit under way.",
        "cp_err_unsupported_content_encoding": "That content encoding is not accepted.", "cp_err_too_many_attempts": "Too many attempts; try again later.",
        "cp_err_promise_pending": "A promise to pay is already pending.", "cp_err_payment_conflict": "That payment id is already used by another payment.",
        "cp_err_no_policy_pack": "No policy pack is configured.", "cp_err_invalid_credentials": "Wrong username or password.",
        "cp_err_internal_error": "Something went wrong and was logged. Try again later.",
        "cp_err_idempotency_key_reused": "That idempotency key was used for another request.", "cp_err_idempotency_key_in_flight": "The same request is being handled.",
        "cp_err_four_eyes": "Someone other than the proposer must approve.", "cp_err_forbidden": "Your role may not do this.",
        "cp_err_blocked_by_policy": "The policy does not allow this.", "cp_err_beyond_authority": "Beyond your authority.", "cp_err_conflict": "Conflicts with a record.",
        "cp_err_unauthorized": "Sign in first.", "cp_err_not_acceptable": "Cannot answer in the format asked for.", "cp_err_too_many_requests": "Too many requests. Try again later.",
        "ad_account_id": "account", "ad_action": "action", "ad_actor": "actor", "ad_agent_id": "agent", "ad_approved_by": "approved by", "ad_approved_on": "approved on",
        "ad_as_of": "as of", "ad_attachment_id": "attachment", "ad_breach_reason": "breach reason", "ad_breached_rule": "rule breached", "ad_case_id": "case",
        "ad_channel": "channel", "ad_complaint_id": "complaint", "ad_contact_point": "contact point", "ad_court_case_number": "court case number", "ad_court_name": "court",
        "ad_dues_restored": "dues restored", "ad_evidence": "evidence", "ad_field": "field", "ad_fields": "fields", "ad_forgiven_minor": "forgiven (minor units)",
        "ad_from": "from", "ad_hardship_allowance": "hardship allowance", "ad_kind": "kind", "ad_matches": "matches", "ad_message_id": "message", "ad_missed_instalment": "missed instalment",
        "ad_notice_id": "notice", "ad_notified_at": "notified at", "ad_override_id": "override", "ad_path": "path", "ad_pay_by": "pay by",
        "ad_period_days": "period (days)", "ad_plan_arrangement_id": "arrangement", "ad_promise_id": "promise", "ad_reason": "reason", "ad_resolved_at": "resolved at",
        "ad_rows": "rows", "ad_subject": "subject", "ad_target": "target", "ad_team": "team", "ad_to": "to", "ad_until": "until", "ad_value": "value",
        "ad_visit_id": "visit", "ad_outcome": "outcome", "ad_note": "note", "ad_flag": "flag", "ad_amount_minor": "amount (minor units)", "ad_currency": "currency",
        "ad_due_on": "due on", "ad_stage": "stage", "ad_customer_id": "customer", "ad_attempt_id": "contact", "ad_rule": "rule", "ad_status": "status", "ad_attempted_at": "attempted at",
        "ad_legal_case_id": "legal case", "ad_display_name": "display name", "ad_username": "username", "ad_role": "role", "ad_time_zone": "time zone",
    ]
}
