<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>CurrentCallPanel</name>
    <message>
        <source>Chamando novamente</source>
        <translation>Llamando de nuevo</translation>
    </message>
    <message>
        <source>Senha</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Aguarde: sua senha aparecerá aqui</source>
        <translation>Espere: su turno aparecerá aquí</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Últimas chamadas</source>
        <translation>Últimos llamados</translation>
    </message>
    <message>
        <source>chamada repetida</source>
        <translation>llamado repetido</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Clinico — painel de chamadas</source>
        <translation>Clinico — panel de llamados</translation>
    </message>
</context>
<context>
    <name>OfflineSign</name>
    <message>
        <source>Sem conexão</source>
        <translation>Sin conexión</translation>
    </message>
</context>
<context>
    <name>TvApp</name>
    <message>
        <source>token recusado pelo servidor</source>
        <translation>token rechazado por el servidor</translation>
    </message>
    <message>
        <source>servidor ou token não configurado</source>
        <translation>servidor o token no configurado</translation>
    </message>
</context>
</TS>
