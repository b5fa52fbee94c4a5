// SPDX-License-Identifier: GPL-3.0-or-later
// gtest's main with a QGuiApplication (offscreen in ctest) and the totem's QML module.
#include <QGuiApplication>
#include <QtQml/qqmlextensionplugin.h>

#include <gtest/gtest.h>

Q_IMPORT_QML_PLUGIN(Clinico_TotemPlugin)

int main(int argc, char **argv)
{
    // Test discovery runs this binary too, with no display: render offscreen unless told otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
