/** The login page (POST /api/session). */
import { Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { ApiError, post } from "./api.js";

/** Login form; calls onLogin after a successful login. */
export function Login({ onLogin }: { onLogin(): void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { login: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await post("/api/session", v, { quiet: true });
      onLogin();
    } catch (e) {
      setError(e instanceof ApiError ? e.text : "登录失败");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: "flex", justifyContent: "center", paddingTop: 120 }}>
      <Card title="政府信息公开工作台 · 登录" style={{ width: 380 }}>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="登录名" name="login" rules={[{ required: true, message: "请输入登录名" }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && (
            <Typography.Paragraph type="danger" role="alert">
              {error}
            </Typography.Paragraph>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
