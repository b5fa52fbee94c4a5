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
