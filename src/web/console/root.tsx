/** Providers (antd zh_CN under the CSP nonce), the session, and login or the shell. */
import { App as AntApp, ConfigProvider, Spin } from "antd";
import type { Locale } from "antd/es/locale/index.js";
import zhCNModule from "antd/es/locale/zh_CN.js";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useCallback, useEffect, useState } from "react";
import { ApiError, get, onApiError, request, resetCsrf } from "./api.js";
import { Login } from "./login.js";
import { type Me, SessionContext } from "./session.js";
import { Shell } from "./shell.js";

dayjs.locale("zh-cn");
// antd ships no "exports" map: under NodeNext the ES locale types as a CommonJS namespace.
const zhCN = ((zhCNModule as unknown as { default?: Locale }).default ?? zhCNModule) as Locale;

/** Shows every announced API failure as an antd message with the server's Chinese text. */
function ErrorMessages(): null {
  const { message } = AntApp.useApp();
  useEffect(() => onApiError((e) => void message.error(e.text)), [message]);
  return null;
}

function Session() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const load = useCallback(() => {
    get<Me>("/api/me", { quiet: true }).then(setMe, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else setMe(null);
    });
  }, []);
  useEffect(load, [load]);
  const logout = useCallback(() => {
    request("DELETE", "/api/session").finally(() => {
      resetCsrf();
      setMe(null);
    });
  }, []);
  if (me === undefined) return <Spin fullscreen tip="正在加载…" />;
  if (me === null)
    return (
      <Login
        onLogin={() => {
          resetCsrf();
          load();
        }}
      />
    );
  return (
    <SessionContext.Provider value={{ me, logout }}>
      <Shell />
    </SessionContext.Provider>
  );
}

/** The whole console. */
export function Root({ nonce }: { nonce: string | undefined }) {
  return (
    <ConfigProvider locale={zhCN} {...(nonce ? { csp: { nonce } } : {})}>
      <AntApp>
        <ErrorMessages />
        <Session />
      </AntApp>
    </ConfigProvider>
  );
}
