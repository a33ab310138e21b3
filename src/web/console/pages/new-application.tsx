/** 登记收到的申请: POST /api/applications (条例第三十一条: the date that counts as received by channel). */
import { Form, Input, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { ApiError, post } from "../api.js";
import { chinaToday } from "../case-actions.js";
import { APPLICANT_TYPE_LABEL, CHANNEL_LABEL } from "../worklist-model.js";

interface Values {
  ref?: string;
  receivedOn: string;
  channel: string;
  applicantType: number;
  name: string;
  phone?: string;
  idNumber?: string;
  address?: string;
  subject: string;
}

/** The registration form; onClose(id) with the new application's id, or nothing when cancelled. */
export function NewApplication({
  agencyId,
  handlerId,
  onClose,
}: {
  agencyId: number;
  /** The registering 经办人 handles the case unless reassigned. */
  handlerId?: number;
  onClose(id?: string): void;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const res = await post<{ id: string; ref: string; trackingCode: string | null }>(
        "/api/applications",
        {
          agencyId,
          ...(v.ref ? { ref: v.ref } : {}),
          receivedOn: v.receivedOn,
          channel: v.channel,
          applicantType: v.applicantType,
          applicant: {
            name: v.name,
            ...(v.phone ? { phone: v.phone } : {}),
            ...(v.idNumber ? { idNumber: v.idNumber } : {}),
            ...(v.address ? { address: v.address } : {}),
          },
          subject: v.subject,
          ...(handlerId ? { handlerId } : {}),
        },
        { quiet: true },
      );
      onClose(res.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="登记收到的申请"
      okText="登记"
      onOk={submit}
      confirmLoading={busy}
      onCancel={() => onClose()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ receivedOn: chinaToday(), channel: "in_person", applicantType: 0 }}
      >
        <Form.Item
          label="收到日期（YYYY-MM-DD）"
          name="receivedOn"
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: "请填写日期，格式 YYYY-MM-DD" }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="申请方式" name="channel">
          <Select options={Object.entries(CHANNEL_LABEL).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="申请人类型" name="applicantType">
          <Select options={APPLICANT_TYPE_LABEL.map((label, value) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="申请人姓名或名称" name="name" rules={[{ required: true, message: "请填写申请人" }]}>
          <Input />
        </Form.Item>
        <Form.Item label="联系电话" name="phone">
          <Input />
        </Form.Item>
        <Form.Item label="身份证件号码" name="idNumber">
          <Input />
        </Form.Item>
        <Form.Item label="通信地址" name="address">
          <Input />
        </Form.Item>
        <Form.Item
          label="申请公开的政府信息"
          name="subject"
          rules={[{ required: true, message: "请填写申请内容" }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label="编号（可不填，自动生成）" name="ref">
          <Input />
        </Form.Item>
        {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}
