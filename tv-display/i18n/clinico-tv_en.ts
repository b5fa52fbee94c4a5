<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CurrentCallPanel</name>
    <message>
        <source>Chamando novamente</source>
        <translation>Calling again</translation>
    </message>
    <message>
        <source>Senha</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Aguarde: sua senha aparecerá aqui</source>
        <translation>Please wait: your ticket will appear here</translation>
    </message>
</context>
<context>
    <name>EnrolmentScreen</name>
    <message>
        <source>TV registrada.</source>
        <translation>TV enrolled.</translation>
    </message>
    <message>
        <source>Totem registrado.</source>
        <translation>Kiosk enrolled.</translation>
    </message>
    <message>
        <source>Clinico — registro do aparelho</source>
        <translation>Clinico — device enrolment</translation>
    </message>
    <message>
        <source>Esta TV ainda não está registrada.</source>
        <translation>This TV is not enrolled yet.</translation>
    </message>
    <message>
        <source>Este totem ainda não está registrado.</source>
        <translation>This kiosk is not enrolled yet.</translation>
    </message>
    <message>
        <source>Peça à equipe de TI para digitar este código no console:</source>
        <translation>Ask the IT team to type this code into the console:</translation>
    </message>
    <message>
        <source>Pedindo um código ao servidor %1…</source>
        <translation>Asking the server %1 for a code…</translation>
    </message>
    <message>
        <source>O servidor %1 não respondeu (%2). Tentando de novo…</source>
        <translation>The server %1 did not answer (%2). Trying again…</translation>
    </message>
    <message>
        <source>O registro foi recusado no console. Um código novo aparece em instantes.</source>
        <translation>The enrolment was refused in the console. A new code appears in a moment.</translation>
    </message>
    <message>
        <source>Registrado como “%1”. Iniciando…</source>
        <translation>Enrolled as “%1”. Starting…</translation>
    </message>
    <message>
        <source>No console (%1/desk/): Administração → Registrar aparelho por código. O código vale 15 minutos; depois aparece outro sozinho.</source>
        <translation>In the console (%1/desk/): Administração → Registrar aparelho por código. The code is valid for 15 minutes; then a new one appears by itself.</translation>
    </message>
    <message>
        <source>Nome deste aparelho na rede: %1</source>
        <translation>This device&apos;s network name: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Últimas chamadas</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <source>chamada repetida</source>
        <translation>called again</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Clinico — painel de chamadas</source>
        <translation>Clinico — call display</translation>
    </message>
</context>
<context>
    <name>OfflineSign</name>
    <message>
        <source>Sem conexão</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>TvApp</name>
    <message>
        <source>token recusado pelo servidor</source>
        <translation>token refused by the server</translation>
    </message>
    <message>
        <source>servidor ou token não configurado</source>
        <translation>server or token not configured</translation>
    </message>
</context>
</TS>
