package io.kafkaops.orchestrator.inventory;

import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading inventory files, with the user-facing error when that fails. */
final class InventoryFiles {
    private InventoryFiles() {}

    static String read(Path file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new BadInput(file, null, "file is not valid UTF-8", "save the file as UTF-8");
        } catch (AccessDeniedException e) {
            throw new BadInput(file, null, "cannot read file: permission denied", "make the file readable (chmod a+r)");
        } catch (IOException e) {
            throw new BadInput(file, null, "cannot read file: " + e.getMessage(), "check the path and its permissions");
        }
    }
}
