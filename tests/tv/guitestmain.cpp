// SPDX-License-Identifier: GPL-3.0-or-later
// gtest's main with a QGuiApplication and the Clinico.Tv QML module, for tests that render.
#include <QGuiApplication>
#include <QQmlExtensionPlugin>

#include <gtest/gtest.h>

Q_IMPORT_QML_PLUGIN(Clinico_TvPlugin)

int main(int argc, char **argv)
{
    // Test discovery runs this binary outside ctest's environment: never need a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
